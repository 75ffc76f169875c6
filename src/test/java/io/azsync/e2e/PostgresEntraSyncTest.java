package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The Entra behaviour suite on a real PostgreSQL. */
class PostgresEntraSyncTest extends EntraSyncBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
