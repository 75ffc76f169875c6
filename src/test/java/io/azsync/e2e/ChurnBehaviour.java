package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
 * A live estate: VMs are deleted and created while the VM query is paged, and Resource Graph's skip
 * tokens are offsets into the live result, so a complete read misses live VMs. None of them may be
 * marked deleted (each row not seen is asked for again by id), and the VMs really deleted are marked
 * by the next run at the latest.
 */
abstract class ChurnBehaviour {

    static final String SUB = "5ab0c7e1-0000-4000-8000-000000000001";
    static final String VM_TYPE = "microsoft.compute/virtualmachines";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        db = database();
        for (int i = 0; i < 2500; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", String.format("vm%05d", i), null));
        }
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Set<String> live() {
        Set<String> ids = new HashSet<>();
        azure.ids(VM_TYPE).forEach(id -> ids.add(id.toLowerCase(Locale.ROOT)));
        return ids;
    }

    List<String> markedDeleted() {
        return db.query("SELECT id FROM azure_virtual_machines WHERE deleted_at IS NOT NULL").stream()
                .map(r -> String.valueOf(r.get("id"))).toList();
    }

    @Test
    void aReadThatMissesLiveVmsUnderChurnMarksNoneDeletedAndTheNextRunMarksTheGoneOnes() {
        CliRun first = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");
        assertEquals(0, first.exitCode(), first.toString());

        // the second read pages 2,500 VMs (a counting query, then 2 chains of 2 pages) while 20 are deleted and 20 created after every page
        azure.churn(VM_TYPE, 20, 20, n -> FakeResources.virtualMachine(SUB, "rg", String.format("new%05d", n), null));
        CliRun second = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");
        assertEquals(0, second.exitCode(), second.toString());
        azure.stopChurn();

        Set<String> live = live();
        List<String> falselyDeleted = markedDeleted().stream().filter(live::contains).toList();
        assertEquals(List.of(), falselyDeleted, "live VMs marked deleted");
        long confirmations = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("in~")).count();
        assertTrue(confirmations > 0, "the read missed rows and asked for them again");

        CliRun third = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");
        assertEquals(0, third.exitCode(), third.toString());
        // the VMs the churn deleted that azsync had stored (a VM created and deleted between two of its page requests never was)
        Set<String> stored = new HashSet<>();
        db.query("SELECT id FROM azure_virtual_machines").forEach(r -> stored.add(String.valueOf(r.get("id"))));
        Set<String> gone = new HashSet<>();
        azure.churnRemoved().forEach(id -> gone.add(id.toLowerCase(Locale.ROOT)));
        gone.retainAll(stored);
        assertTrue(gone.size() >= 20, "the churn deleted stored VMs: " + gone.size());
        assertTrue(new HashSet<>(markedDeleted()).containsAll(gone), "every VM really deleted is marked by the next run");
        assertEquals(List.of(), markedDeleted().stream().filter(live::contains).toList());
        assertEquals(live.size(), db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"),
                "every live VM is a live row");
    }
}
