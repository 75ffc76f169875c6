package io.azsync.sink;

import io.azsync.testing.TestDatabase;

/** PageWriter and StaleMarker on a real PostgreSQL. */
class PostgresLoadAndDeleteTest extends LoadAndDeleteBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
