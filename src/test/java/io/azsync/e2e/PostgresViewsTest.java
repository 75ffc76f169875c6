package io.azsync.e2e;

import java.util.List;

import io.azsync.testing.TestDatabase;

/** The views on PostgreSQL, queried over JDBC as any client does. */
class PostgresViewsTest extends ViewsBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    long countThroughClient(String view) {
        return db.count("SELECT COUNT(*) FROM " + view);
    }

    @Override
    List<String> views() {
        return db.query("SELECT table_name FROM information_schema.views WHERE table_schema = current_schema() ORDER BY 1").stream()
                .map(r -> String.valueOf(r.get("table_name"))).toList();
    }
}
