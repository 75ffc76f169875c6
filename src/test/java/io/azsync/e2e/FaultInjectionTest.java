package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * Faults beyond the behaviour suites: a slow response, the database going away mid-run, throttling storms with and without
 * Retry-After. They are played on the public IP stream, read through one skip-token chain, so the scripted answers meet its
 * pages in order (the chains of a partitioned query: ResourceGraphChainsTest, LiveEstateBehaviour).
 */
class FaultInjectionTest {

    static final String SUB = "c3c3c3c3-0000-4000-8000-000000000001";
    static final String IPS = "azure-public-ip-addresses";

    FakeAzure azure;
    TestDatabase db;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        for (int i = 0; i < 2500; i++) {
            azure.add(FakeResources.publicIp(SUB, "rg", String.format("ip-%05d", i), "20.0." + (i / 250) + "." + (i % 250), null));
        }
        db = TestDatabase.postgres();
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsRetried() {
        Map<String, String> env = ProjectFiles.env(azure, db);
        env.put("AZSYNC_HTTP_READ_TIMEOUT", "PT1S");
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, Answer.delayed(Duration.ofSeconds(3)));

        CliRun run = CliRun.run(env, "sync", "--stream", IPS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(4, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "page 1, the timed-out page 2, page 2 again, page 3");
        assertEquals(2500, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses"));
    }

    @Test
    void theDatabaseGoingAwayMidRunLeavesNothingHalfWrittenOrDeletedAndTheNextRunCompletes() throws Exception {
        Map<String, String> env = ProjectFiles.env(azure, db);
        assertEquals(0, CliRun.run(env, "sync", "--stream", IPS).exitCode());
        azure.remove(FakeResources.publicIpId(SUB, "rg", "ip-00007"));
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, Answer.delayed(Duration.ofSeconds(2)));
        azure.clearRequests();

        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.run(env, "sync", "--stream", IPS));
        // this run's page 1 is loaded and its page 2 is on its way (not the earlier sync's requests)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> azure.requests(FakeAzure.RESOURCE_GRAPH).size() >= 2);
        // every connection of azsync's pool is cut while page 2 is on its way
        db.query("SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid() AND usename = current_user");
        CliRun disturbed = run.get();

        assertTrue(disturbed.exitCode() == 0 || disturbed.exitCode() == 1, disturbed.toString());
        long rows = db.count("SELECT COUNT(*) FROM azure_public_ip_addresses");
        assertEquals(2500, rows, "pages are whole or absent: nothing half-written");
        if (disturbed.exitCode() == 1) {
            assertEquals(0, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"),
                    "a stream that failed marks nothing deleted");
        }
        CliRun next = CliRun.run(env, "sync", "--stream", IPS);
        assertEquals(0, next.exitCode(), next.toString());
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"),
                "the next complete run marks the one vanished address");
    }

    @Test
    void aThrottlingStormWithoutRetryAfterIsRiddenOutWithGrowingBackOff() {
        Map<String, String> env = ProjectFiles.env(azure, db);
        env.put("AZSYNC_RETRY_BASE_DELAY", "PT0.1S");
        env.put("AZSYNC_RETRY_MAX_DELAY", "PT1S");
        Answer t = Answer.throttled(null);
        // every one of the three pages is refused three times, with no hint of when to come back
        azure.script(FakeAzure.RESOURCE_GRAPH, t, t, t, Answer.PASS, t, t, t, Answer.PASS, t, t, t, Answer.PASS);

        CliRun run = CliRun.run(env, "sync", "--stream", IPS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2500, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NULL"));
        assertEquals("succeeded", db.query("SELECT state FROM sync_runs").get(0).get("state"));
        var requests = azure.requests(FakeAzure.RESOURCE_GRAPH);
        assertEquals(12, requests.size(), "three refusals and one answer per page, nothing more");
        assertEquals(9, azure.answered(429));
        // back-off with jitter: at least half of 100 + 200 + 400 ms passed before page 1 was asked for again a third time
        long waited = Duration.between(requests.get(0).at(), requests.get(3).at()).toMillis();
        assertTrue(waited >= 350, "backed off " + waited + " ms before the fourth attempt");
    }

    @Test
    void aStormWithRetryAfterIsWaitedOutAsAsked() {
        Map<String, String> env = ProjectFiles.env(azure, db);
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, Answer.throttled("1"), Answer.throttled("1"), Answer.PASS,
                Answer.throttled("1"));

        CliRun run = CliRun.run(env, "sync", "--stream", IPS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2500, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NULL"));
        var requests = azure.requests(FakeAzure.RESOURCE_GRAPH);
        assertEquals(6, requests.size());
        for (int i : new int[] {2, 3, 5}) {
            long gap = Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis();
            assertTrue(gap >= 950, "request " + (i + 1) + " came " + gap + " ms after a Retry-After of 1 s");
        }
    }

    @Test
    void aStormLongerThanTheRetriesFailsTheStreamAndDeletesNothing() {
        Map<String, String> env = ProjectFiles.env(azure, db);
        env.put("AZSYNC_RETRY_MAX_ATTEMPTS", "3");
        assertEquals(0, CliRun.run(env, "sync", "--stream", IPS).exitCode());
        azure.remove(FakeResources.publicIpId(SUB, "rg", "ip-00042"));
        Answer t = Answer.throttled(null);
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, t, t, t);

        CliRun run = CliRun.run(env, "sync", "--stream", IPS);

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("429"), run.out());
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"),
                "a stream cut short by throttling marks nothing deleted");
        assertEquals("failed", db.query("SELECT state FROM sync_runs ORDER BY run_id DESC").get(0).get("state"));

        CliRun next = CliRun.run(env, "sync", "--stream", IPS);
        assertEquals(0, next.exitCode(), next.toString());
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"));
    }
}
