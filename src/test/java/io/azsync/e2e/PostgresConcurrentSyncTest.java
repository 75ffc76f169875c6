package io.azsync.e2e;

import java.nio.file.Path;

import io.azsync.testing.TestDatabase;

/** Two processes, one stream, one PostgreSQL database. */
class PostgresConcurrentSyncTest extends ConcurrentSyncBehaviour {

    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.postgres();
    }
}
