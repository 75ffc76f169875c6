package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** Concurrent streams within the quota, into a real PostgreSQL. */
class PostgresConcurrentStreamsTest extends ConcurrentStreamsBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
