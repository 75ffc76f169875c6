package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.azsync.testing.ChildAzsync;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * Two `azsync sync` processes of the same stream at once (cron beside a manual run): one takes the
 * stream's lease in the database and syncs, the other says who runs it and does nothing; no live
 * row is marked deleted. Subclasses pick the database. Played on the public IP stream, read through one skip-token chain, so
 * the request count is the pages of one read.
 */
abstract class ConcurrentSyncBehaviour {

    static final String SUB = "c3c3c3c3-0000-4000-8000-000000000001";
    static final String IPS = "azure-public-ip-addresses";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    ChildAzsync first;
    ChildAzsync second;

    abstract TestDatabase database(Path dir);

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        for (int i = 0; i < 3500; i++) {
            azure.add(FakeResources.publicIp(SUB, "rg", String.format("ip-%05d", i), "20.0." + (i / 250) + "." + (i % 250), null));
        }
        db = database(dir);
    }

    @AfterEach
    void tearDown() {
        for (ChildAzsync child : new ChildAzsync[] {first, second}) {
            if (child != null) {
                child.kill();
            }
        }
        azure.close();
        db.close();
    }

    @Test
    void twoProcessesSyncingTheSameStreamTogetherRunItOnceAndDeleteNothing() throws Exception {
        Map<String, String> env = ProjectFiles.env(azure, db);
        // the winner's pages come slowly, so the two runs overlap for certain
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.delayed(Duration.ofSeconds(3)), Answer.delayed(Duration.ofSeconds(2)));

        first = ChildAzsync.start(env, dir.resolve("first.log"), "sync", "--stream", IPS);
        second = ChildAzsync.start(env, dir.resolve("second.log"), "sync", "--stream", IPS);
        int firstExit = first.waitFor();
        int secondExit = second.waitFor();

        ChildAzsync winner = firstExit == 0 ? first : second;
        ChildAzsync loser = winner == first ? second : first;
        assertEquals(List.of(0, 4), List.of(Math.min(firstExit, secondExit), Math.max(firstExit, secondExit)),
                "one syncs (0), one is skipped (4)\n--- first\n" + first.output() + "\n--- second\n" + second.output());
        assertTrue(loser.output().contains("SKIPPED") && loser.output().contains("already running in process " + winner.pid() + "@"),
                loser.output());
        assertEquals(3500, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NULL"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"));
        List<Map<String, Object>> runs = db.query("SELECT state, error FROM sync_runs ORDER BY state");
        assertEquals(2, runs.size(), runs.toString());
        assertEquals("skipped", runs.get(0).get("state"));
        assertEquals("succeeded", runs.get(1).get("state"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM stream_leases"), "the lease is released at the end");
        assertEquals(4, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "the skipped process sent no query");
    }
}
