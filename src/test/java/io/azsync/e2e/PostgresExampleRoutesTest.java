package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The example routes on a real PostgreSQL. */
class PostgresExampleRoutesTest extends ExampleRoutesBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
