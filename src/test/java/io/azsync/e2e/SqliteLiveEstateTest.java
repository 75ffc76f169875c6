package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** Azure's limits end to end, into a real SQLite file. */
class SqliteLiveEstateTest extends LiveEstateBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
