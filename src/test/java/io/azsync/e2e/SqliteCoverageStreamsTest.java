package io.azsync.e2e;

import io.azsync.testing.TestDatabase;

class SqliteCoverageStreamsTest extends CoverageStreamsBehaviour {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }
}
