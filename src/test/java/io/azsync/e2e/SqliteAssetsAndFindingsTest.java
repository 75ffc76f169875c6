package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

/** The assets-and-findings suite on a real SQLite file. */
class SqliteAssetsAndFindingsTest extends AssetsAndFindingsBehaviour {
    @Override
    TestDatabase database() {
        try {
            return TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("azsync-assets"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
