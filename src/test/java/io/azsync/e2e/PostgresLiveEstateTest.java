package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** Azure's limits end to end, into a real PostgreSQL. */
class PostgresLiveEstateTest extends LiveEstateBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
