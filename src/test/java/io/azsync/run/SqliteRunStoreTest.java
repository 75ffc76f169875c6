package io.azsync.run;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.TestDatabase;

/** The run store behaviour on a real SQLite file. */
class SqliteRunStoreTest extends RunStoreBehaviour {

    @TempDir
    Path dir;

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
