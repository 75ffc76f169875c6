package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** A no-change re-sync into Postgres writes nothing. */
class PostgresNoChangeResyncTest extends NoChangeResyncBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
