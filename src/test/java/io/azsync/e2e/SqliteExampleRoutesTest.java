package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The example routes on a real SQLite file. */
class SqliteExampleRoutesTest extends ExampleRoutesBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
