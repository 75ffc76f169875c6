package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.demo.DemoTenant;
import io.azsync.demo.FakeAzure;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * The views on a database with rows: every view answers (on SQLite through the system's own
 * {@code sqlite3} shell, which users open the file with), a view the database refuses keeps the
 * views in use, and a view file holds exactly one statement. Subclasses pick the database.
 */
abstract class ViewsBehaviour {

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    abstract TestDatabase database();

    /** Row count of a view, read the way a user of this database would. */
    abstract long countThroughClient(String view) throws Exception;

    abstract List<String> views();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure();
        DemoTenant.populate(azure, 12, 8);
        db = database();
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Map<String, String> env() {
        return ProjectFiles.env(azure, db);
    }

    @Test
    void everyViewAnswersOnADatabaseWithRows() throws Exception {
        CliRun sync = CliRun.run(env(), "sync");
        assertEquals(0, sync.exitCode(), sync.toString());

        List<String> views = views();
        assertTrue(views.containsAll(List.of("asset_network", "assets", "findings", "asset_tags", "entra_group_members_transitive")), views.toString());
        for (String view : views) {
            assertTrue(countThroughClient(view) > 0, view + " has rows");
        }
        assertEquals(13, countThroughClient("assets"), "12 VMs and one Entra-only laptop");
    }

    @Test
    void aViewTheDatabaseRefusesKeepsTheViewsInUse() throws Exception {
        assertEquals(0, CliRun.run(env(), "sync", "--stream", "azure-virtual-machines").exitCode());
        long before = countThroughClient("assets");
        Path views = dir.resolve("views");
        Files.createDirectories(views);
        try (var files = Files.list(Path.of("views"))) {
            for (Path f : files.toList()) {
                Files.copy(f, views.resolve(f.getFileName()));
            }
        }
        Files.writeString(views.resolve("99-broken.sql"), "CREATE VIEW broken AS SELECT id FROM azure_virtual_machines WHERE\n");
        Map<String, String> env = env();
        env.put("AZSYNC_VIEWS_DIR", views.toString());

        CliRun run = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.all().contains("99-broken.sql") && run.all().contains("refused the view"), run.all());
        assertEquals(before, countThroughClient("assets"), "the previous views are still there");
    }

    /** An integrator's own view built on azsync's: the next start keeps it (and azsync's views) working. */
    @Test
    void anIntegratorsViewOnTheAssetsViewSurvivesTheNextStart() throws Exception {
        assertEquals(0, CliRun.run(env(), "sync", "--stream", "azure-virtual-machines").exitCode());
        db.execute("CREATE VIEW my_hosts AS SELECT asset_name FROM assets");
        long hosts = countThroughClient("my_hosts");

        CliRun run = CliRun.run(env(), "sync", "--stream", "azure-virtual-machines");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(hosts > 0);
        assertEquals(hosts, countThroughClient("my_hosts"), "the integrator's view is still there and answers");
    }

    @Test
    void aViewFileWithASecondStatementIsRefusedByValidate() throws Exception {
        Path views = dir.resolve("views");
        Files.createDirectories(views);
        Files.writeString(views.resolve("10-two.sql"), """
                -- a view; and something else
                CREATE VIEW two AS SELECT 'a;b' AS text FROM azure_virtual_machines;
                CREATE TABLE sneaky (id TEXT);
                """);
        Files.writeString(views.resolve("20-one.sql"), "-- fine: a semicolon in a string, and a trailing one\n"
                + "CREATE VIEW one AS SELECT 'x;y' AS text FROM azure_virtual_machines;\n");
        Files.writeString(views.resolve("30-one-again.sql"), "CREATE VIEW one AS SELECT 1 AS x\n");
        Map<String, String> env = env();
        env.put("AZSYNC_VIEWS_DIR", views.toString());

        CliRun validate = CliRun.run(env, "validate");

        assertEquals(2, validate.exitCode(), validate.toString());
        assertTrue(validate.all().contains("10-two.sql:1: a view file holds exactly one 'CREATE VIEW name AS SELECT ...' statement; "
                + "this one holds 2"), validate.all());
        assertTrue(validate.all().contains("30-one-again.sql:1: view one is also created by"), validate.all());
        assertTrue(!validate.all().contains("20-one.sql:1:"), "a semicolon in a string is no second statement: " + validate.all());
    }

    /** A copy of the project's views to add files to. */
    Path viewsCopy() throws java.io.IOException {
        Path views = dir.resolve("views");
        Files.createDirectories(views);
        // the portable files and the shipped variant folders
        try (var files = Files.walk(Path.of("views"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = views.resolve(Path.of("views").relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return views;
    }

    @Test
    void aViewVariantReplacesThePortableFileOnItsDatabaseOnly() throws Exception {
        Path views = viewsCopy();
        Files.writeString(views.resolve("90-flavour.sql"), "CREATE VIEW db_flavour AS SELECT 'portable' AS flavour\n");
        Files.createDirectories(views.resolve("postgresql"));
        Files.createDirectories(views.resolve("sqlite"));
        // each variant calls a function only its own database has
        Files.writeString(views.resolve("postgresql/90-flavour.sql"),
                "CREATE VIEW db_flavour AS SELECT 'postgresql ' || current_setting('server_version') AS flavour\n");
        Files.writeString(views.resolve("sqlite/90-flavour.sql"), "CREATE VIEW db_flavour AS SELECT 'sqlite ' || sqlite_version() AS flavour\n");
        Map<String, String> env = env();
        env.put("AZSYNC_VIEWS_DIR", views.toString());

        CliRun run = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");

        assertEquals(0, run.exitCode(), run.toString());
        String database = db.url().startsWith("jdbc:postgresql") ? "postgresql" : "sqlite";
        String flavour = String.valueOf(db.single("SELECT flavour FROM db_flavour").get("flavour"));
        assertTrue(flavour.matches(database + " \\d+\\.\\d+.*"), flavour);
    }

    @Test
    void aVariantFolderNamedAfterNoDatabaseIsRefusedByValidate() throws Exception {
        Path views = viewsCopy();
        Files.createDirectories(views.resolve("oracle"));
        Files.writeString(views.resolve("oracle/90-flavour.sql"), "CREATE VIEW db_flavour AS SELECT banner FROM v$version\n");
        Map<String, String> env = env();
        env.put("AZSYNC_VIEWS_DIR", views.toString());

        CliRun validate = CliRun.run(env, "validate");

        assertEquals(2, validate.exitCode(), validate.toString());
        assertTrue(validate.all().contains("no database is named oracle: a folder of view variants is named after its database "
                + "(postgresql, sqlite)"), validate.all());
    }
}
