package io.azsync.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeResources;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ServiceMode;
import io.azsync.testing.ChildAzsync;
import io.azsync.testing.TestDatabase;

/**
 * SIGTERM to `azsync run` (what docker stop and Kubernetes send): the working stream stops at a page
 * boundary, queued runs are cancelled, the connector's state says Stopped, the process exits 0; the
 * next start runs the cut-off group at once and resumes where it stopped. A kill -9 leaves runs that
 * the next start closes with the truth.
 */
class GracefulStopTest {

    static final String SUB = "d4d4d4d4-0000-4000-8000-000000000001";
    static final String VMS = "azure-virtual-machines";
    static final String VNETS = "azure-virtual-networks";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    ChildAzsync service;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        for (int i = 0; i < 5000; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", String.format("vm-%05d", i), null));
        }
        db = TestDatabase.sqlite(dir);
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.kill();
        }
        azure.close();
        db.close();
    }

    Map<String, String> env() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(io.azsync.testing.ProjectFiles.oneConnector(dir, azure, db, "PT4H",
                "azure-virtual-machines", VNETS));
        env.put("AZSYNC_API_ENABLED", "false");
        // one stream at a time, so that a run is still queued when the service is stopped (what these tests are about)
        env.put("AZSYNC_STREAM_CONCURRENCY", "1");
        return env;
    }

    long count(String sql) {
        try {
            return db.count(sql);
        } catch (IllegalStateException e) {
            return 0;   // the tables are not there yet
        }
    }

    void slowPages(int count) {
        for (int i = 0; i < count; i++) {
            azure.script(FakeAzure.RESOURCE_GRAPH, Answer.delayed(Duration.ofMillis(700)));
        }
    }

    @Test
    void sigtermStopsAtAPageBoundaryCancelsQueuedRunsAndExitsZeroAndTheNextStartResumes() throws Exception {
        Map<String, String> env = env();
        slowPages(10);
        service = ChildAzsync.start(env, dir.resolve("run.log"), "run");
        // the start-up run of the group: VMs first (5 slow pages), virtual networks queued behind; stop once a VM page is in
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM azure_virtual_machines") >= 1000);

        service.process().destroy();   // SIGTERM
        int exit = service.waitFor();

        assertEquals(0, exit, service.output());
        assertTrue(service.output().contains("Stopped"), service.output());
        assertFalse(service.output().contains("orced"), "no forced shutdown:\n" + service.output());
        Map<String, Object> vmRun = db.single("SELECT state, error, records_read FROM sync_runs WHERE stream = ?", VMS);
        assertEquals("failed", vmRun.get("state"));
        assertTrue(String.valueOf(vmRun.get("error")).startsWith("stopped:"), vmRun.toString());
        Map<String, Object> vnetRun = db.single("SELECT state, error FROM sync_runs WHERE stream = ?", VNETS);
        assertEquals("cancelled", vnetRun.get("state"), "the queued run never starts");
        assertTrue(String.valueOf(vnetRun.get("error")).contains("stopped"), vnetRun.toString());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs WHERE state IN ('running', 'queued')"));
        assertEquals("Stopped", db.single("SELECT state FROM connector_states").get("state"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"));
        long loaded = db.count("SELECT COUNT(*) FROM azure_virtual_machines");
        assertTrue(loaded < 5000, "it stopped before the end: " + loaded);

        // the next start: the cut-off group is due at once (not 4 hours later) and resumes after the last loaded page
        azure.clearRequests();
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env, null));
             ServiceMode again = ServiceMode.start(runtime, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "SELECT COUNT(*) FROM sync_runs WHERE stream = '" + VMS + "' AND state = 'succeeded'") == 1);
        }
        assertEquals(5000, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
        assertFalse(azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("virtualmachines"))
                .findFirst().orElseThrow().json().path("options").path("$skipToken").isMissingNode(), "it resumed, not started over");
    }

    @Test
    void sigtermToAnIdleServiceExitsZeroAtOnce() throws Exception {
        Map<String, String> env = env();
        service = ChildAzsync.start(env, dir.resolve("run.log"), "run");
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM sync_runs WHERE state = 'succeeded'") == 2);

        service.process().destroy();

        assertEquals(0, service.waitFor(), service.output());
        assertFalse(service.output().contains("orced"), service.output());
        assertEquals("Stopped", db.single("SELECT state FROM connector_states").get("state"));
    }

    @Test
    void runsAKilledServiceLeftOpenAreClosedAtTheNextStartAndTheGroupRunsAtOnce() throws Exception {
        Map<String, String> env = env();
        slowPages(10);
        service = ChildAzsync.start(env, dir.resolve("run.log"), "run");
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM azure_virtual_machines") >= 1000);
        service.process().destroyForcibly().waitFor();   // kill -9: nothing is closed
        assertEquals(1, db.count("SELECT COUNT(*) FROM sync_runs WHERE state = 'running'"));

        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env, null));
             ServiceMode again = ServiceMode.start(runtime, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "SELECT COUNT(*) FROM sync_runs WHERE stream = '" + VMS + "' AND state = 'succeeded'") == 1);
        }
        List<Map<String, Object>> vmRuns = db.query("SELECT state, error FROM sync_runs WHERE stream = ? ORDER BY run_id", VMS);
        assertEquals("failed", vmRuns.get(0).get("state"));
        assertTrue(String.valueOf(vmRuns.get(0).get("error")).startsWith("interrupted"), vmRuns.toString());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs WHERE state IN ('running', 'queued')"));
        assertEquals(5000, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
    }
}
