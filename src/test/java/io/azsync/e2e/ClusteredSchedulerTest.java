package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.CliRun;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.TestDatabase;

/**
 * Two service nodes (two JVMs running `azsync run`) on one PostgreSQL with clustering on: they share
 * the schedule, so firings do not run twice or overlap; when one node is killed (kill -9) the other
 * goes on and closes the run the dead node left open.
 */
class ClusteredSchedulerTest {

    static final String SUB = "9e9e9e9e-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    Process nodeA;
    Process nodeB;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm1", null));
        db = TestDatabase.postgres();
    }

    @AfterEach
    void tearDown() {
        for (Process p : new Process[] {nodeA, nodeB}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        azure.close();
        db.close();
    }

    Map<String, String> env() throws Exception {
        Path file = dir.resolve("connectors.yaml");
        Files.writeString(file, """
                connectors:
                  - name: shared
                    tenant-id: %s
                    client-id: %s
                    credential: { client-secret-env: SHARED_SECRET }
                    streams: [azure-virtual-machines]
                    schedules:
                      default: { every: PT2S }
                """.formatted(FakeAzure.TENANT, FakeAzure.CLIENT_ID));
        Map<String, String> env = new java.util.LinkedHashMap<>(azure.env());
        env.remove("AZURE_CLIENT_SECRET");
        env.put("SHARED_SECRET", FakeAzure.CLIENT_SECRET);
        env.put("AZSYNC_CONNECTORS_FILE", file.toString());
        env.put("AZSYNC_CLUSTERED", "true");
        env.put("AZSYNC_API_ENABLED", "false");
        env.putAll(db.env());
        return env;
    }

    Process node(String name, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java,
                "-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
                "-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword"),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", System.getProperty("java.class.path"), "io.azsync.cli.AzsyncCommand", "run");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.directory(new File(System.getProperty("user.dir")));
        return pb.start();
    }

    long succeeded() {
        try {
            return db.count("SELECT COUNT(*) FROM sync_runs WHERE trigger = 'schedule' AND state = 'succeeded'");
        } catch (IllegalStateException e) {
            return 0; // the nodes have not created the ledger yet
        }
    }

    void waitForSucceeded(long count, long millis) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(millis)).until(() -> succeeded() >= count);
    }

    @Test
    void twoNodesShareOneScheduleAndASurvivorCarriesOn() throws Exception {
        Map<String, String> env = env();
        assertEquals(0, CliRun.run(env, "validate").exitCode(), "the clustered settings are valid");
        nodeA = node("node-a", env);
        nodeB = node("node-b", env);

        waitForSucceeded(5, 60_000);
        assertTrue(succeeded() >= 5, "the cluster fires: " + Files.readString(dir.resolve("node-a.log")));
        assertNoOverlap();

        nodeA.destroyForcibly().waitFor();
        long before = succeeded();
        waitForSucceeded(before + 3, 60_000);
        assertTrue(succeeded() >= before + 3, "the surviving node goes on: " + Files.readString(dir.resolve("node-b.log")));
        assertNoOverlap();
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs WHERE state IN ('running', 'queued') AND run_id < "
                + "(SELECT MAX(run_id) FROM sync_runs)"), "a run the killed node left open is closed");
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines"));
    }

    /** Runs of the shared schedule never overlap: one firing, one node, one run at a time. */
    void assertNoOverlap() {
        List<Map<String, Object>> runs = db.query("SELECT run_id, started_at, finished_at FROM sync_runs WHERE trigger = 'schedule' "
                + "AND finished_at IS NOT NULL AND state = 'succeeded' ORDER BY started_at");
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = instant(runs.get(i - 1).get("finished_at"));
            Instant start = instant(runs.get(i).get("started_at"));
            assertTrue(!start.isBefore(previousEnd), "run " + runs.get(i).get("run_id") + " started at " + start
                    + " before run " + runs.get(i - 1).get("run_id") + " ended at " + previousEnd);
        }
    }

    /** A timestamptz as the driver's toString gives it: java.sql.Timestamp text in the JVM's zone. */
    static Instant instant(Object value) {
        return java.sql.Timestamp.valueOf(String.valueOf(value).replace('T', ' ')).toInstant();
    }
}
