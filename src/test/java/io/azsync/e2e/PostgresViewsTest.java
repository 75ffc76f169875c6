package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;

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

    /**
     * A view whose columns changed (here: one more before the others), used by an integrator's view: PostgreSQL
     * replaces neither in place nor drops it, so the start fails naming the view, the cause and the fix, and every
     * view stays as it was.
     */
    @Test
    void aChangedViewUsedByAnIntegratorsViewNamesTheFixAndKeepsEveryView() throws Exception {
        assertEquals(0, CliRun.run(env(), "sync", "--stream", "azure-virtual-machines").exitCode());
        db.execute("CREATE VIEW my_hosts AS SELECT asset_name FROM assets");
        long hosts = countThroughClient("my_hosts");
        Map<String, String> env = env();
        env.putAll(ProjectFiles.copyTo(dir));
        Path assets = dir.resolve("views/60-assets.sql");
        String sql = Files.readString(assets);
        assertTrue(sql.contains("CREATE VIEW assets AS\n"), sql);
        Files.writeString(assets, sql.replace("CREATE VIEW assets AS\n", "CREATE VIEW assets AS SELECT 1 AS first_column, all_columns.* FROM (\n")
                .replaceAll(";\\s*$", "") + "\n) AS all_columns\n");

        CliRun run = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.all().contains("60-assets.sql") && run.all().contains("refused to drop it")
                && run.all().contains("when views of your own use it, drop them"), run.all());
        assertEquals(hosts, countThroughClient("my_hosts"), "every view kept as it was");
        assertTrue(views().contains("findings"));
    }
}
