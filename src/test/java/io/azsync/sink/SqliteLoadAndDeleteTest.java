package io.azsync.sink;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.TestDatabase;

/** PageWriter and StaleMarker on a real SQLite file. */
class SqliteLoadAndDeleteTest extends LoadAndDeleteBehaviour {

    @TempDir
    Path dir;

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
