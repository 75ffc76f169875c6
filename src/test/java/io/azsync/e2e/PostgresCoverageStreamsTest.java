package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

class PostgresCoverageStreamsTest extends CoverageStreamsBehaviour {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
