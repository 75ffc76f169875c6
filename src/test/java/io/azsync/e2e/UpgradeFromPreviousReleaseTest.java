package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * A database made by the release before versioned migrations upgrades in place: its fixed tables
 * and their rows stay, Flyway records a baseline and version 1, and syncs go on. A new database
 * gets version 1 only.
 */
class UpgradeFromPreviousReleaseTest {

    static final String SUB = "5ab0c7e1-0000-4000-8000-00000000f1f1";

    @TempDir
    Path dir;

    FakeAzure azure;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm-new", null));
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    @Test
    void aSqliteFileOfThePreviousReleaseKeepsItsHistoryAndSyncsOn() throws Exception {
        TestDatabase db = TestDatabase.sqlite(dir);
        // the demo database the previous release wrote (sqlite3 .dump), loaded with the real sqlite3 shell
        Process load = new ProcessBuilder("sqlite3", dir.resolve("azsync.db").toString())
                .redirectInput(Path.of("src/test/resources/previous-release/sqlite.sql").toFile()).redirectErrorStream(true).start();
        String out = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, load.waitFor(), out);
        assertEquals(12, db.count("SELECT COUNT(*) FROM sync_runs"));

        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");

        // partial (exit 3): this tenant does not show the demo's subscriptions, so their rows are kept, not marked
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(List.of("0", "1", "2", "4", "5"), versions(db), "baselined, then version 1 over the tables it found, then 2, 4 and 5");
        assertEquals(13, db.count("SELECT COUNT(*) FROM sync_runs"), "the earlier history stays");
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE name = 'vm-new' AND deleted_at IS NULL"));
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE name <> 'vm-new' AND deleted_at IS NULL"),
                "the previous release's rows stay");
        assertTrue(CliRun.run(ProjectFiles.env(azure, db), "history").out().contains("azure-virtual-machines"));
    }

    /**
     * Deletion still works on an upgraded file: the tenant the previous release synced, with one of its VMs gone, is read
     * in full; the gone VM is marked deleted, the other two stay.
     */
    @Test
    void anUpgradedSqliteFileMarksDeletedOnlyWhatItsTenantNoLongerHas() throws Exception {
        String prod = "d3e0d3e0-0000-4000-8000-000000000001";
        String dev = "d3e0d3e0-0000-4000-8000-000000000002";
        azure.close();
        azure = new FakeAzure().subscription(prod).subscription(dev);
        azure.add(FakeResources.virtualMachine(prod, "rg-prod", "vm-0000", null));
        azure.add(FakeResources.virtualMachine(dev, "rg-dev", "vm-0001", null));
        TestDatabase db = TestDatabase.sqlite(dir);
        Process load = new ProcessBuilder("sqlite3", dir.resolve("azsync.db").toString())
                .redirectInput(Path.of("src/test/resources/previous-release/sqlite.sql").toFile()).redirectErrorStream(true).start();
        String out = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, load.waitFor(), out);

        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("vm-0002"), db.query("SELECT name FROM azure_virtual_machines WHERE deleted_at IS NOT NULL").stream()
                .map(r -> String.valueOf(r.get("name"))).toList(), "the VM the tenant no longer has, and only it");
        assertEquals(2, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE name IN ('vm-0000', 'vm-0001') AND deleted_at IS NULL"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM sync_runs WHERE stream = 'azure-virtual-machines' AND state = 'succeeded' "
                + "AND records_deleted = 1"), "the run says what it marked");
    }

    @Test
    void aPostgresqlSchemaOfThePreviousReleaseKeepsItsHistoryAndDeltaStateAndSyncsOn() throws IOException {
        try (TestDatabase db = TestDatabase.postgres()) {
            loadPreviousRelease(db);
            Map<String, String> env = ProjectFiles.env(azure, db);

            CliRun run = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), versions(db), "PostgreSQL's version 3 is Quartz's tables");
            assertEquals(11, db.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                    + "AND table_name LIKE 'qrtz\\_%'"), "Quartz's 11 tables come with the migrations");
            assertEquals(2, db.count("SELECT COUNT(*) FROM sync_runs"), "the earlier run and this one");
            assertEquals("old@host", db.single("SELECT owner FROM sync_runs ORDER BY run_id LIMIT 1").get("owner"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM sync_state WHERE stream = 'entra-users'"), "the stored delta link stays");
        }
    }

    @Test
    void aRunThePreviousReleaseLeftInterruptedStartsOverForItKeptNoSeenKeys() throws IOException {
        try (TestDatabase db = TestDatabase.postgres()) {
            loadPreviousRelease(db);
            // cut off after a page of the VM read: resuming after that page would leave its rows unseen, then marked deleted
            db.execute("INSERT INTO sync_checkpoints (connector, stream, run_ids, resume_token, updated_at) VALUES ('default', "
                    + "'azure-virtual-machines', '1', '{\"key\":\"k\",\"batch\":0,\"skipToken\":\"t\"}', '2026-11-29T10:00:04Z')");
            try (io.azsync.sink.Database database = io.azsync.sink.Database.open(db.url(), db.user(), db.password())) {
                new io.azsync.sink.SchemaManager(database).ensureLedger();
            }
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), versions(db));
            assertEquals(0, db.count("SELECT COUNT(*) FROM sync_checkpoints"), "the interrupted run is not resumed: it starts over");
        }
    }

    /** Releases before versioned migrations added these ledger columns one by one: a database of an early one lacks them. */
    static final List<String[]> EARLY_RELEASE_LACKS = List.of(new String[] {"sync_runs", "owner"},
            new String[] {"sync_checkpoints", "blocked_reason"}, new String[] {"sync_state", "full_read_at"});

    @Test
    void aPostgresqlLedgerOfAnEarlyReleaseGetsTheColumnsItLacksAndSyncsOn() throws IOException {
        try (TestDatabase db = TestDatabase.postgres()) {
            loadPreviousRelease(db);
            for (String[] column : EARLY_RELEASE_LACKS) {
                db.execute("ALTER TABLE " + column[0] + " DROP COLUMN " + column[1]);
            }

            CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), versions(db));
            assertEquals(3, db.count("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND "
                    + "(table_name, column_name) IN (('sync_runs', 'owner'), ('sync_checkpoints', 'blocked_reason'), "
                    + "('sync_state', 'full_read_at'))"), "version 5 added the three columns");
            assertEquals(1, db.count("SELECT COUNT(*) FROM sync_runs WHERE stream = 'azure-virtual-machines' AND state = 'succeeded' "
                    + "AND owner IS NOT NULL"), "the run was recorded with its owner");
        }
    }

    @Test
    void aSqliteLedgerOfAnEarlyReleaseGetsTheColumnsItLacksAndSyncsOn() throws Exception {
        TestDatabase db = TestDatabase.sqlite(dir);
        Process load = new ProcessBuilder("sqlite3", dir.resolve("azsync.db").toString())
                .redirectInput(Path.of("src/test/resources/previous-release/sqlite.sql").toFile()).redirectErrorStream(true).start();
        String out = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, load.waitFor(), out);
        for (String[] column : EARLY_RELEASE_LACKS) {
            db.execute("ALTER TABLE " + column[0] + " DROP COLUMN " + column[1]);
        }

        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");

        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(List.of("0", "1", "2", "4", "5"), versions(db));
        for (String[] column : EARLY_RELEASE_LACKS) {
            assertEquals(1, db.count("SELECT COUNT(*) FROM pragma_table_info('" + column[0] + "') WHERE name = '" + column[1] + "'"),
                    column[0] + "." + column[1] + " added by version 5");
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM sync_runs WHERE stream = 'azure-virtual-machines' AND owner IS NOT NULL"),
                "the run was recorded with its owner");
    }

    static void loadPreviousRelease(TestDatabase db) throws IOException {
        for (String statement : Files.readString(Path.of("src/test/resources/previous-release/postgresql.sql")).split(";\\s*\n")) {
            String sql = statement.replaceAll("(?m)^--.*$", "").strip();
            if (!sql.isEmpty()) {
                db.execute(sql);
            }
        }
    }

    @Test
    void aNewSqliteFileGetsEveryVersionWithoutABaseline() {
        TestDatabase db = TestDatabase.sqlite(dir);
        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("1", "2", "4", "5"), versions(db), "3 is PostgreSQL's Quartz tables");
    }

    static List<String> versions(TestDatabase db) {
        return db.query("SELECT version FROM azsync_schema_history WHERE success ORDER BY installed_rank").stream()
                .map(r -> String.valueOf(r.get("version"))).toList();
    }
}
