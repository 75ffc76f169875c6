package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * kill -9 of a `sync` between pages: the next run resumes after the last committed page (no page
 * fetched twice, no duplicates, nothing marked deleted) and ends in the state of an undisturbed run. Played on the public IP
 * stream, one skip-token chain, so the scripted answers meet its pages in order (several chains resuming each where it stood:
 * ResourceGraphChainsTest).
 */
class ResumeAfterKillTest {

    static final String SUB = "b2b2b2b2-0000-4000-8000-000000000001";
    static final String IPS = "azure-public-ip-addresses";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    Process sync;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        for (int i = 0; i < 3500; i++) {
            azure.add(FakeResources.publicIp(SUB, "rg", String.format("ip-%05d", i), "20.0." + (i / 250) + "." + (i % 250), null));
        }
        db = TestDatabase.postgres();
    }

    @AfterEach
    void tearDown() {
        if (sync != null) {
            sync.destroyForcibly();
        }
        azure.close();
        db.close();
    }

    long count(String sql) {
        try {
            return db.count(sql);
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    @Test
    void aKilledSyncResumesAfterItsLastCommittedPage() throws Exception {
        Map<String, String> env = ProjectFiles.env(azure, db);
        // pages 1 and 2 answer at once; page 3 is held back long enough to kill the process while it waits
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, Answer.PASS, Answer.delayed(Duration.ofSeconds(30)));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin,
                "-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
                "-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword"),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", System.getProperty("java.class.path"), "io.azsync.cli.AzsyncCommand", "sync", "--stream", IPS);
        pb.environment().putAll(env);
        pb.directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true).redirectOutput(dir.resolve("sync.log").toFile());
        sync = pb.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM azure_public_ip_addresses") >= 2000
                && count("SELECT COUNT(*) FROM sync_checkpoints") >= 1 && azure.requests(FakeAzure.RESOURCE_GRAPH).size() >= 3);
        sync.destroyForcibly().waitFor();   // kill -9 while page 3 is on its way
        assertEquals(2000, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses"), "two pages were committed");
        String checkpoint = String.valueOf(db.single("SELECT resume_token FROM sync_checkpoints").get("resume_token"));
        assertTrue(checkpoint.contains("skipToken"), checkpoint);
        azure.clearRequests();

        CliRun resumed = CliRun.run(env, "sync", "--stream", IPS);

        assertEquals(0, resumed.exitCode(), resumed.toString());
        List<FakeAzure.Request> requests = azure.requests(FakeAzure.RESOURCE_GRAPH);
        assertTrue(requests.get(0).json().path("options").hasNonNull("$skipToken"), "the first request continues at page 3");
        assertEquals(2, requests.size(), "pages 3 and 4 only: nothing fetched twice");
        assertEquals(3500, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"),
                "rows loaded by the killed run count as seen");
        List<Map<String, Object>> runs = db.query("SELECT * FROM sync_runs ORDER BY run_id");
        assertEquals("failed", runs.get(0).get("state"));
        assertTrue(String.valueOf(runs.get(0).get("error")).startsWith("interrupted"), runs.get(0).toString());
        assertEquals("succeeded", runs.get(1).get("state"));
        assertEquals(1500L, ((Number) runs.get(1).get("records_read")).longValue());
        assertEquals(0L, ((Number) runs.get(1).get("records_deleted")).longValue());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_checkpoints"), "a finished stream leaves no checkpoint");

        CliRun again = CliRun.run(env, "sync", "--stream", IPS);
        assertEquals(0, again.exitCode());
        assertEquals(0L, ((Number) db.single("SELECT records_written FROM sync_runs ORDER BY run_id DESC LIMIT 1").get("records_written")),
                "the end state equals an undisturbed run: a re-run writes nothing");
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"));
    }
}
