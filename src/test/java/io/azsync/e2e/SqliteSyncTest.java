package io.azsync.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.TestDatabase;

/** The sync behaviour suite on the embedded default sink: a real SQLite file. */
class SqliteSyncTest extends SyncBehaviour {

    @TempDir
    Path dir;

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
