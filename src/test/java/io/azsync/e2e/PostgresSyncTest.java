package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The sync behaviour suite on the production sink: a real PostgreSQL (a fresh schema per test). */
class PostgresSyncTest extends SyncBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
