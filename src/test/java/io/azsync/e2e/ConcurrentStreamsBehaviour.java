package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * A connector's streams are read at the same time, and the connector's governor keeps them, all
 * together, within Resource Graph's quota: no request is refused and no window holds more than the
 * quota, while Azure's latency is spent in parallel.
 */
abstract class ConcurrentStreamsBehaviour {

    static final String SUB = "5ab0c7e1-0000-4000-8000-000000000001";
    static final String[] STREAMS = {"azure-virtual-machines", "azure-network-interfaces", "azure-public-ip-addresses",
            "azure-network-security-groups", "azure-virtual-networks", "azure-resource-groups",
            "defender-assessments"};

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        db = database();
        for (int i = 0; i < 5; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", "vm" + i, null));
        }
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    CliRun sync(Map<String, String> env) {
        String[] args = new String[1 + 2 * STREAMS.length];
        args[0] = "sync";
        for (int i = 0; i < STREAMS.length; i++) {
            args[1 + 2 * i] = "--stream";
            args[2 + 2 * i] = STREAMS[i];
        }
        return CliRun.run(env, args);
    }

    @Test
    void streamsReadTogetherStayWithinTheQuotaWithoutOneRefusal() {
        azure.latency(FakeAzure.RESOURCE_GRAPH, Duration.ofMillis(300)).quota(5, Duration.ofSeconds(1));
        Map<String, String> env = new java.util.LinkedHashMap<>(ProjectFiles.env(azure, db));
        env.put("AZSYNC_STREAM_CONCURRENCY", "4");

        // the governor knows nothing in advance: it learns the quota (5 a second, above the 4 streams' first requests) from
        // the first answers, then paces every stream's requests together
        CliRun run = sync(env);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(0, azure.answered(429), "no request was refused for the quota: " + azure.requests(FakeAzure.RESOURCE_GRAPH).stream()
                .map(r -> r.at().toString().substring(17)).toList());
        List<Instant> arrivals = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().map(FakeAzure.Request::at).sorted().toList();
        assertTrue(arrivals.size() >= STREAMS.length, arrivals.toString());
        for (int i = 0; i + 5 < arrivals.size(); i++) {
            assertTrue(Duration.between(arrivals.get(i), arrivals.get(i + 5)).toMillis() >= 1000,
                    "six requests within one second at " + arrivals.get(i));
        }
        assertEquals(STREAMS.length, db.count("SELECT COUNT(*) FROM sync_runs WHERE state = 'succeeded'"));
        long overlapping = db.count("SELECT COUNT(*) FROM sync_runs a JOIN sync_runs b ON a.run_id < b.run_id "
                + "AND b.started_at < a.finished_at AND a.started_at < b.finished_at");
        assertTrue(overlapping > 0, "streams ran at the same time: " + db.query("SELECT stream, started_at, finished_at FROM sync_runs"));
        assertEquals(5, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
    }
}
