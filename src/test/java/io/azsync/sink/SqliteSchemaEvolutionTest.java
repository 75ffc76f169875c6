package io.azsync.sink;

import java.nio.file.Files;

import io.azsync.testing.TestDatabase;

class SqliteSchemaEvolutionTest extends SchemaEvolutionBehaviour {
    @Override
    TestDatabase database() {
        try {
            return TestDatabase.sqlite(Files.createTempDirectory("azsync-schema"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
