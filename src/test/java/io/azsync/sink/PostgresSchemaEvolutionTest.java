package io.azsync.sink;

import io.azsync.testing.TestDatabase;

class PostgresSchemaEvolutionTest extends SchemaEvolutionBehaviour {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
