package io.azsync.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.TestDatabase;

/** The Entra behaviour suite on a real SQLite file. */
class SqliteEntraSyncTest extends EntraSyncBehaviour {

    @TempDir
    Path dir;

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
