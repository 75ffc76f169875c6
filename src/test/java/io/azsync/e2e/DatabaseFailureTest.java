package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The sink database refusing a page: the user and the ledger get the database's own cause (never a
 * statement with row data), no run is left running or queued, and nothing is marked deleted.
 */
class DatabaseFailureTest {

    static final String SUB = "e5e5e5e5-0000-4000-8000-000000000001";
    static final String VMS = "azure-virtual-machines";

    @TempDir
    Path dir;

    FakeAzure azure;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    void addVms(int count, String prefix) {
        for (int i = 0; i < count; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", String.format("%s-%05d", prefix, i), null));
        }
    }

    @Test
    void aFullSqliteFileIsReportedAsSuchAndNoRunIsLeftOpen() {
        TestDatabase db = TestDatabase.sqlite(dir);
        addVms(10, "vm");
        Map<String, String> env = ProjectFiles.env(azure, db);
        assertEquals(0, CliRun.run(env, "sync", "--stream", VMS).exitCode());
        long pages = db.count("PRAGMA page_count");
        addVms(3000, "big");
        // the file may not grow past a few more pages: SQLite answers SQLITE_FULL, as on a full disk
        env.put("AZSYNC_JDBC_URL", db.url() + "?max_page_count=" + (pages + 8));

        CliRun run = CliRun.run(env, "sync", "--stream", VMS, "--stream", "azure-virtual-networks");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("SQLITE_FULL"), run.out());
        assertFalse(run.all().contains("cannot rollback"), run.all());
        Map<String, Object> vmRun = db.single("SELECT state, error FROM sync_runs WHERE stream = ? ORDER BY run_id DESC LIMIT 1", VMS);
        assertEquals("failed", vmRun.get("state"));
        assertTrue(String.valueOf(vmRun.get("error")).contains("SQLITE_FULL"), vmRun.toString());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs WHERE state IN ('running', 'queued')"),
                "every stream's run tells how it ended");
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"));
    }

    @Test
    void aPageThePostgresqlSinkRefusesFailsTheRunWithTheDatabasesReasonAndNoRowData() {
        TestDatabase db = TestDatabase.postgres();
        try {
            addVms(5, "vm");
            Map<String, String> env = ProjectFiles.env(azure, db);
            assertEquals(0, CliRun.run(env, "sync", "--stream", VMS).exitCode());
            // a rule of the integrator's own that one new VM breaks
            db.execute("ALTER TABLE azure_virtual_machines ADD CONSTRAINT no_secret_vm CHECK (name <> 'secret-00000')");
            addVms(1, "secret");
            azure.remove(FakeResources.vmId(SUB, "rg", "vm-00004"));

            CliRun run = CliRun.run(env, "sync", "--stream", VMS);

            assertEquals(1, run.exitCode(), run.toString());
            Map<String, Object> last = db.single("SELECT state, error FROM sync_runs ORDER BY run_id DESC LIMIT 1");
            String error = String.valueOf(last.get("error"));
            assertEquals("failed", last.get("state"));
            assertTrue(error.contains("violates check constraint \"no_secret_vm\""), error);
            assertFalse(error.contains("secret-00000") || error.contains("INSERT INTO"), "no row data in the ledger: " + error);
            assertFalse(run.all().contains("secret-00000"), run.all());
            assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"),
                    "a failed page marks nothing deleted");
            List<Map<String, Object>> open = db.query("SELECT * FROM sync_runs WHERE state IN ('running', 'queued')");
            assertTrue(open.isEmpty(), open.toString());
        } finally {
            db.close();
        }
    }
}
