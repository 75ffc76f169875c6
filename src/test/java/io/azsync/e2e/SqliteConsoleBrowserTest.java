package io.azsync.e2e;

import java.nio.file.Path;

import io.azsync.testing.TestDatabase;

class SqliteConsoleBrowserTest extends ConsoleBrowserBehaviour {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.sqlite(dir);
    }
}
