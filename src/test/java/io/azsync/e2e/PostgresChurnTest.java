package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The live-estate churn suite on a real PostgreSQL. */
class PostgresChurnTest extends ChurnBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
