package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The assets-and-findings suite on a real PostgreSQL. */
class PostgresAssetsAndFindingsTest extends AssetsAndFindingsBehaviour {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
