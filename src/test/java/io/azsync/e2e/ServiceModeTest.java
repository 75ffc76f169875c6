package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.config.Settings;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ConnectorJmx;
import io.azsync.service.ServiceMode;
import io.azsync.testing.CliRun;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeResources;
import io.azsync.testing.TestDatabase;

/** Service mode: schedules from the connectors file, no overlap, one catch-up run after downtime, the JMX bean. */
class ServiceModeTest {

    static final String SUB = "7c7c7c7c-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm1", null));
        db = TestDatabase.sqlite(dir);
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Map<String, String> env(String every) throws Exception {
        return io.azsync.testing.ProjectFiles.oneConnector(dir, azure, db, every, "azure-virtual-machines");
    }

    List<Map<String, Object>> runs(String trigger) {
        return db.query("SELECT * FROM sync_runs WHERE trigger = ? ORDER BY run_id", trigger);
    }

    static void waitFor(java.util.function.BooleanSupplier condition, long millis) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(millis)).until(condition::getAsBoolean);
    }

    @Test
    void anIntervalScheduleFiresTheConnectorsStreamsWithoutOverlap() throws Exception {
        // every run waits 1.5 s for a Retry-After, longer than the 1 s interval
        for (int i = 0; i < 10; i++) {
            azure.script(FakeAzure.RESOURCE_GRAPH, Answer.throttled("1.5"), Answer.PASS);
        }
        Settings settings = Settings.load(env("PT1S"), null);
        try (AzsyncRuntime runtime = AzsyncRuntime.start(settings); ServiceMode service = ServiceMode.start(runtime, Clock.systemUTC())) {
            waitFor(() -> runs("schedule").stream().filter(r -> "succeeded".equals(r.get("state"))).count() >= 3, 15_000);
        }
        List<Map<String, Object>> runs = runs("schedule");
        assertTrue(runs.size() >= 3, runs.toString());
        for (Map<String, Object> run : runs) {
            assertEquals("tenant-one", run.get("connector"));
            assertEquals("azure-virtual-machines", run.get("stream"), "only the connector's enabled streams run");
        }
        for (int i = 1; i < runs.size(); i++) {
            Object previousEnd = runs.get(i - 1).get("finished_at");
            if (previousEnd != null) {
                assertTrue(Instant.parse(String.valueOf(runs.get(i).get("started_at"))).compareTo(Instant.parse(String.valueOf(previousEnd))) >= 0,
                        "run " + runs.get(i).get("run_id") + " overlapped the one before");
            }
        }
        assertEquals("tenant-one", db.single("SELECT connector FROM azure_virtual_machines").get("connector"));
    }

    @Test
    void aCronScheduleFires() throws Exception {
        Map<String, String> env = env("PT1H");
        assertEquals(0, CliRun.run(env, "sync").exitCode(), "a recent run: nothing is overdue at start");
        Path file = dir.resolve("connectors.yaml");
        Files.writeString(file, Files.readString(file).replace("default: { every: PT1H }", "azure: { cron: \"0/2 * * * * ?\" }"));
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env, null));
             ServiceMode service = ServiceMode.start(runtime, Clock.systemUTC())) {
            waitFor(() -> runs("schedule").stream().filter(r -> "succeeded".equals(r.get("state"))).count() >= 2, 15_000);
        }
        assertTrue(runs("schedule").size() >= 2, "the cron trigger fired every 2 seconds");
    }

    @Test
    void afterDowntimeAnOverdueScheduleRunsOnceNotOncePerMissedFiring() throws Exception {
        Map<String, String> env = env("PT1H");
        assertEquals(0, CliRun.run(env, "sync").exitCode());
        db.execute("UPDATE sync_runs SET started_at = '2026-01-01T00:00:00Z', finished_at = '2026-01-01T00:00:01Z'");

        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env, null));
             ServiceMode service = ServiceMode.start(runtime, Clock.systemUTC())) {
            waitFor(() -> !runs("schedule").isEmpty() && "succeeded".equals(runs("schedule").get(0).get("state")), 10_000);
            // and no second catch-up run follows
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(1500)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> runs("schedule").size() == 1);
        }
        assertEquals(1, runs("schedule").size(), "hundreds of missed hourly firings make one run");
    }

    @Test
    void theConnectorBeanShowsStateAndRunsSyncNowRefusingOverlap() throws Exception {
        Map<String, String> env = env("PT1H");
        assertEquals(0, CliRun.run(env, "sync").exitCode());
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = ConnectorJmx.objectName("tenant-one");
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env, null));
             ServiceMode service = ServiceMode.start(runtime, Clock.systemUTC())) {
            assertEquals("Scheduled", jmx.getAttribute(name, "State"));
            assertNotNull(jmx.getAttribute(name, "NextFireTime"));

            String result = (String) jmx.invoke(name, "syncNow", null, null);
            assertTrue(result.startsWith("1 stream(s) synced, 0 failed; runs "), result);
            assertEquals(1L, jmx.getAttribute(name, "RecordsRead"));
            assertEquals(0, jmx.getAttribute(name, "ConsecutiveFailures"));
            assertEquals(1, runs("api").size());

            azure.script(FakeAzure.RESOURCE_GRAPH, Answer.throttled("2"));
            CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return jmx.invoke(name, "syncNow", null, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waitFor(() -> "Processing".equals(attribute(jmx, name, "State")), 5_000);
            assertEquals("not synced: connector tenant-one is already syncing: try again when it has finished",
                    jmx.invoke(name, "syncNow", null, null));
            assertTrue(String.valueOf(slow.get()).startsWith("1 stream(s) synced"));

            ObjectName stream = new ObjectName("io.azsync:type=Stream,connector=\"tenant-one\",name=\"azure-virtual-machines\"");
            assertEquals("succeeded", jmx.getAttribute(stream, "LastRunState"));
            assertEquals(1L, jmx.getAttribute(stream, "RecordsRead"));
            assertEquals("full", jmx.getAttribute(stream, "Mode"));

            CliRun connectors = CliRun.run(env, "connectors");
            assertEquals(0, connectors.exitCode(), connectors.toString());
            assertTrue(connectors.out().matches("(?s).*tenant-one\\s+true\\s+Scheduled.*"), connectors.out());
            assertTrue(connectors.out().contains("default every 1h"), connectors.out());

            Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:context=azsync,type=routes,*"), null);
            ObjectName vmRoute = routes.stream().filter(o -> o.getKeyProperty("name").contains("azure-virtual-machines")).findFirst().orElseThrow();
            assertTrue(((Number) jmx.getAttribute(vmRoute, "ExchangesCompleted")).longValue() >= 2, "route statistics are in JMX");
        }
    }

    @Test
    void watchedDirectoriesReloadAValidEditAndIgnoreAnInvalidOne() throws Exception {
        Map<String, String> dirs = io.azsync.testing.ProjectFiles.copyTo(dir);
        Map<String, String> env = env("PT1H");
        env.put("AZSYNC_RELOAD_WATCH", "true");
        env.putAll(dirs);
        assertEquals(0, CliRun.run(env, "sync").exitCode());
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env, null));
             ServiceMode service = ServiceMode.start(runtime, Clock.systemUTC())) {
            Path map = dir.resolve("transform-maps/azure-virtual-machines.yaml");
            Files.writeString(map, Files.readString(map).replace("  vm_size: properties.hardwareProfile.vmSize",
                    "  vm_size: properties.hardwareProfile.vmSize\n  watched_size: properties.hardwareProfile.vmSize"));
            waitFor(() -> columnExists("watched_size"), 10_000);
            assertTrue(columnExists("watched_size"), "the edit was picked up without a restart");

            Files.writeString(map, Files.readString(map).replace("watched_size: properties.hardwareProfile.vmSize",
                    "watched_size: { path: properties.hardwareProfile.vmSize, type: nonsense }"));
            Thread.sleep(2500);
            ObjectName name = ConnectorJmx.objectName("tenant-one");
            String result = (String) ManagementFactory.getPlatformMBeanServer().invoke(name, "syncNow", null, null);
            assertTrue(result.startsWith("1 stream(s) synced, 0 failed"), "the running version still syncs: " + result);
            assertEquals("Standard_D2s_v5", db.single("SELECT watched_size FROM azure_virtual_machines").get("watched_size"));
        }
    }

    boolean columnExists(String column) {
        try {
            db.query("SELECT " + column + " FROM azure_virtual_machines");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Test
    void aSyncNowWhileAScheduledRunIsWorkingIsRefusedAndTheScheduledRunCompletes() throws Exception {
        // nothing synced yet: the schedule fires at start; its first page waits 2 s for a Retry-After
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.throttled("2"));
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = ConnectorJmx.objectName("tenant-one");
        try (AzsyncRuntime runtime = AzsyncRuntime.start(Settings.load(env("PT1H"), null));
             ServiceMode service = ServiceMode.start(runtime, Clock.systemUTC())) {
            waitFor(() -> runs("schedule").stream().anyMatch(r -> "running".equals(r.get("state"))), 10_000);
            assertEquals("Processing", jmx.getAttribute(name, "State"));

            assertEquals("not synced: connector tenant-one is already syncing: try again when it has finished",
                    jmx.invoke(name, "syncNow", null, null));

            waitFor(() -> runs("schedule").stream().anyMatch(r -> "succeeded".equals(r.get("state"))), 10_000);
        }
        List<Map<String, Object>> scheduled = runs("schedule");
        assertEquals(1, scheduled.size(), scheduled.toString());
        assertEquals("succeeded", scheduled.get(0).get("state"));
        assertEquals(List.of(), runs("api"), "the refused sync now left no run behind");
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
    }

    static Object attribute(MBeanServer jmx, ObjectName name, String attribute) {
        try {
            return jmx.getAttribute(name, attribute);
        } catch (Exception e) {
            return null;
        }
    }
}
