package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** The ids azsync asked Resource Graph for again ({@code | where id in~ ('…', …)}), lower-cased. */
    Set<String> askedAgain() {
        Set<String> ids = new HashSet<>();
        azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("in~")).forEach(r -> {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("'(/subscriptions/[^']+)'").matcher(r.body());
            while (id.find()) {
                ids.add(id.group(1).toLowerCase(Locale.ROOT));
            }
        });
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

    @Test
    void aRowFoundAgainByIdIsStoredAsTheReadStoresItSoTheNextRunWithoutChangesWritesNothing() {
        assertEquals(0, CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines").exitCode());
        // VMs are only deleted while the second read pages: the offsets shift, the read misses live VMs, and asks for them by id
        azure.churn(VM_TYPE, 20, 0, n -> FakeResources.virtualMachine(SUB, "rg", String.format("new%05d", n), null));
        CliRun churned = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");
        azure.stopChurn();
        assertEquals(0, churned.exitCode(), churned.toString());
        Set<String> foundAgain = askedAgain();
        foundAgain.retainAll(live());
        assertTrue(foundAgain.size() > 0, "the read missed live VMs, asked for them by id and found them");
        assertEquals(List.of(), markedDeleted().stream().filter(live()::contains).toList(), "live VMs marked deleted");

        CliRun same = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");
        assertEquals(0, same.exitCode(), same.toString());
        // the churn created nothing and changed no VM: a row written now would be one stored differently from how the read stores it
        // (VMs the churn deleted after the read's last page are marked now: deleted, not written)
        assertEquals(0, db.count("SELECT records_written FROM sync_runs WHERE run_id = (SELECT MAX(run_id) FROM sync_runs)"),
                "no VM is new or changed since the churned run, so none is written: " + same);
    }

    @Test
    void anIntegratorsMapThatReadsTheSubscriptionFromTheIdBeforeTheIdItselfStillConfirmsByTheId() throws Exception {
        Map<String, String> env = new java.util.LinkedHashMap<>(ProjectFiles.env(azure, db));
        env.putAll(ProjectFiles.copyTo(dir));
        Path vmMap = dir.resolve("transform-maps/azure-virtual-machines.yaml");
        String text = Files.readString(vmMap);
        String subscription = "  subscription_id: { path: id, transform: arm-subscription-id, required: true }\n";
        assertTrue(text.contains(subscription), "the shipped map has the line this test moves");
        // the same columns, the subscription (read from the id) listed first
        Files.writeString(vmMap, text.replace(subscription, "").replace("columns:\n", "columns:\n" + subscription));
        assertEquals(0, CliRun.run(env, "sync", "--stream", "azure-virtual-machines").exitCode());

        // deletions only: the offsets shift back and the read misses live VMs, which only a query by their ids finds
        azure.churn(VM_TYPE, 20, 0, n -> FakeResources.virtualMachine(SUB, "rg", String.format("new%05d", n), null));
        CliRun churned = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");
        azure.stopChurn();
        assertEquals(0, churned.exitCode(), churned.toString());
        assertEquals(List.of(), markedDeleted().stream().filter(live()::contains).toList(), "live VMs marked deleted");
        Set<String> foundAgain = askedAgain();
        foundAgain.retainAll(live());
        assertTrue(foundAgain.size() > 0, "the read missed live VMs and asked for them by their resource ids");
    }
}
