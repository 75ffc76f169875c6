package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The live-estate churn suite on a real SQLite file. */
class SqliteChurnTest extends ChurnBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
