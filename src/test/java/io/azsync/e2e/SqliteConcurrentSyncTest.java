package io.azsync.e2e;

import java.nio.file.Path;

import io.azsync.testing.TestDatabase;

/** Two processes, one stream, one SQLite file: the lease row lives in the file itself. */
class SqliteConcurrentSyncTest extends ConcurrentSyncBehaviour {

    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.sqlite(dir);
    }
}
