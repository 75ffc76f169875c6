package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.demo.DemoTenant;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.EntityTableWrites;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * A re-sync of an estate that did not change writes no tuple to any entity table (every stream:
 * Resource Graph, Graph delta, Defender), and one with a changed and a vanished resource writes
 * exactly those two rows and marks exactly the vanished one. Subclasses pick the database.
 */
abstract class NoChangeResyncBehaviour {

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    abstract TestDatabase database();

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

    CliRun sync() {
        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync");
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }

    @Test
    void aNoChangeResyncWritesNoTupleAndAChangedAndAVanishedResourceWriteTwo() {
        sync();
        EntityTableWrites writes = new EntityTableWrites(db).watch();
        assertTrue(writes.tables().containsAll(java.util.List.of("azure_virtual_machines", "entra_users", "defender_assessments")),
                writes.tables().toString());
        long before = writes.count();
        long lastRunOfFirstSync = db.count("SELECT MAX(run_id) FROM sync_runs");

        sync();

        assertEquals(0, writes.count() - before, "a re-sync of unchanged data inserts, updates and deletes no entity row");
        assertEquals(0, db.count("SELECT COALESCE(SUM(records_written + records_deleted), 0) FROM sync_runs WHERE run_id > ?",
                lastRunOfFirstSync), "and the ledger says so");

        String sub = DemoTenant.SUBSCRIPTIONS[0];
        String changed = FakeResources.vmId(sub, "rg-prod", "vm-0002");
        String vanished = FakeResources.vmId(sub, "rg-prod", "vm-0004");
        ObjectNode renamed = FakeResources.virtualMachine(sub, "rg-prod", "vm-0002", null);
        ((ObjectNode) renamed.get("tags")).put("environment", "staging");
        azure.remove(changed).add(renamed).remove(vanished);
        long beforeChange = writes.count();

        sync();

        assertEquals(4, writes.count() - beforeChange, "the changed VM is rewritten and the vanished one marked, in azure_virtual_machines "
                + "and in the whole inventory (azure_resources): four rows, nothing else");
        assertNotNull(db.single("SELECT deleted_at FROM azure_virtual_machines WHERE id = ?", vanished.toLowerCase()).get("deleted_at"));
        assertNull(db.single("SELECT deleted_at FROM azure_virtual_machines WHERE id = ?", changed.toLowerCase()).get("deleted_at"));
        assertTrue(String.valueOf(db.single("SELECT tags FROM azure_virtual_machines WHERE id = ?", changed.toLowerCase()).get("tags"))
                .contains("staging"));
        assertEquals(11, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
    }
}
