package io.azsync.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.service.AzsyncRuntime;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * The shipped example routes (off by default) on a real database with real findings: the webhook
 * route posts each high or critical open finding once through camel-http (a failed post is tried
 * again at the next tick), and the summary route refreshes findings_summary through camel-jdbc.
 */
abstract class ExampleRoutesBehaviour {

    static final String SUB = "5ab0c7e1-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    HttpServer receiver;
    final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    final AtomicInteger refuseNext = new AtomicInteger();

    abstract TestDatabase database();

    @BeforeEach
    void setUp() throws IOException {
        azure = new FakeAzure().subscription(SUB);
        db = database();
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm1", null));
        String vm = FakeResources.vmId(SUB, "rg", "vm1");
        azure.add(FakeResources.assessment(vm, "high-open-1", "Unhealthy", "High", "Id"));
        azure.add(FakeResources.assessment(vm, "high-open-2", "Unhealthy", "High", "Id"));
        azure.add(FakeResources.assessment(vm, "medium-open", "Unhealthy", "Medium", "Id"));
        azure.add(FakeResources.assessment(vm, "high-fixed", "Healthy", "High", "Id"));
        CliRun sync = CliRun.run(env(), "sync", "--stream", "azure-virtual-machines", "--stream", "defender-assessments");
        assertEquals(0, sync.exitCode(), sync.toString());

        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean refuse = refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!refuse) {
                posts.add(new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(refuse ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        azure.close();
        db.close();
    }

    Map<String, String> env() {
        return ProjectFiles.env(azure, db);
    }

    Map<String, String> examplesOn() {
        Map<String, String> env = new java.util.LinkedHashMap<>(env());
        env.put("AZSYNC_WEBHOOK_ENABLED", "true");
        env.put("AZSYNC_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        env.put("AZSYNC_WEBHOOK_PERIOD", "PT0.2S");
        env.put("AZSYNC_SUMMARY_ENABLED", "true");
        env.put("AZSYNC_SUMMARY_PERIOD", "PT0.2S");
        return env;
    }

    @Test
    void theExampleRoutesAreOffByDefault() {
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env(), null))) {
            assertEquals(ServiceStatus.Stopped, runtime.camel().getRouteController().getRouteStatus("critical-findings-webhook"));
            assertEquals(ServiceStatus.Stopped, runtime.camel().getRouteController().getRouteStatus("findings-summary"));
        }
        assertTrue(posts.isEmpty());
    }

    @Test
    void eachHighOpenFindingIsPostedOnceAndARefusedPostIsTriedAgain() {
        refuseNext.set(1);   // the webhook is down for the first post
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(examplesOn(), null))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> posts.size() >= 2);
            // three more ticks after both were posted: nothing is posted twice
            NotifyBuilder ticks = new NotifyBuilder(runtime.camel()).fromRoute("critical-findings-webhook").whenCompleted(3).create();
            assertTrue(ticks.matches(20, TimeUnit.SECONDS), "the webhook route keeps ticking");
        }
        TreeSet<String> ids = new TreeSet<>();
        posts.forEach(p -> ids.add(p.path("external_finding_id").asText()));
        assertEquals(2, posts.size(), posts.toString());
        assertEquals(2, ids.size(), "two distinct findings: " + ids);
        assertTrue(ids.stream().allMatch(id -> id.endsWith("/high-open-1") || id.endsWith("/high-open-2")), ids.toString());
        assertTrue(posts.stream().allMatch(p -> p.path("finding_severity").asInt() == 4 && p.hasNonNull("finding_name")), posts.toString());
        assertEquals(2, db.count("SELECT COUNT(*) FROM webhook_notifications"));
    }

    @Test
    void theSummaryTableHoldsOneCompleteSetOfOpenFindingsPerSubscriptionAndSeverity() {
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(examplesOn(), null))) {
            NotifyBuilder refreshes = new NotifyBuilder(runtime.camel()).fromRoute("findings-summary").whenCompleted(3).create();
            assertTrue(refreshes.matches(20, TimeUnit.SECONDS), "three refreshes");
        }
        String latest = "SELECT %s FROM findings_summary WHERE refreshed_at = (SELECT max(refreshed_at) FROM findings_summary)";
        assertEquals(db.count("SELECT COUNT(*) FROM findings WHERE finding_status = 'open' AND deleted_at IS NULL"),
                db.count(latest.formatted("SUM(open_findings)")));
        assertEquals(2L, ((Number) db.single(latest.formatted("open_findings") + " AND finding_severity = 4").get("open_findings")).longValue());
        assertEquals(SUB, db.single(latest.formatted("subscription_id") + " AND finding_severity = 3").get("subscription_id"));
        assertEquals(1, db.count("SELECT COUNT(DISTINCT refreshed_at) FROM findings_summary"), "older sets are pruned");
    }
}
