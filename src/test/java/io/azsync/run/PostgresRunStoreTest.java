package io.azsync.run;

import io.azsync.testing.TestDatabase;

/** The run store behaviour on a real PostgreSQL. */
class PostgresRunStoreTest extends RunStoreBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
