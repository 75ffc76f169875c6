package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeGraph;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * Azure's limits end to end, with the simulator's latency on: an answer above 16 MiB, compressed
 * answers, and a delta state Graph no longer knows — each still ends with every row loaded.
 */
abstract class LiveEstateBehaviour {

    static final String SUB = "5ab0c7e1-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB).latency(FakeAzure.RESOURCE_GRAPH, Duration.ofMillis(50))
                .latency(FakeAzure.GRAPH, Duration.ofMillis(30)).latency(FakeAzure.SUBSCRIPTIONS, Duration.ofMillis(20));
        db = database();
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    @Test
    void pagesAboveTheAnswerLimitArriveInSmallerPagesAndEveryRowIsLoaded() {
        for (int i = 0; i < 1200; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", String.format("vm%05d", i), null));
        }
        int oneVm = FakeResources.virtualMachine(SUB, "rg", "vm00000", null).toString().length();
        azure.payloadLimit(oneVm * 300);   // a page of 1,000 VMs is refused; 250 fit

        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1200, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
        assertEquals(4, azure.answered(400), "each of the VM query's 2 chains (600 VMs each): 1,000 and 500 refused, then pages of 250");
        assertTrue(azure.gzipped() > 0, "the answers came compressed");
    }

    @Test
    void aDeltaStateGraphNoLongerKnowsRestartsTheStreamWithAFullRead() {
        for (int i = 0; i < 3; i++) {
            azure.graph().put("users", FakeGraph.user(String.format("00000000-0000-4000-a000-%012d", i), "u" + i + "@contoso.example",
                    "User " + i, true));
        }
        assertEquals(0, CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "entra-users").exitCode());
        azure.clearRequests();
        azure.script(FakeAzure.GRAPH, Answer.status(404, "{\"error\":{\"code\":\"syncStateNotFound\",\"message\":\"The sync state "
                + "generation is not found.\"}}"));

        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "entra-users");

        assertEquals(0, run.exitCode(), run.toString());
        List<FakeAzure.Request> requests = azure.requests(FakeAzure.GRAPH);
        assertTrue(requests.get(0).path().contains("$deltatoken="), "the stored delta link was tried");
        assertFalse(requests.get(1).path().contains("$deltatoken="), "then a full read");
        assertEquals(3, db.count("SELECT COUNT(*) FROM entra_users WHERE deleted_at IS NULL"));
        assertEquals("succeeded", db.single("SELECT state FROM sync_runs ORDER BY run_id DESC LIMIT 1").get("state"));
    }
}
