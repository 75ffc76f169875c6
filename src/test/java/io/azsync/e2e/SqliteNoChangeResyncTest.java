package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** A no-change re-sync into Sqlite writes nothing. */
class SqliteNoChangeResyncTest extends NoChangeResyncBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
