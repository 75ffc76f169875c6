package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** Concurrent streams within the quota, into a real SQLite file (one writer at a time). */
class SqliteConcurrentStreamsTest extends ConcurrentStreamsBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
