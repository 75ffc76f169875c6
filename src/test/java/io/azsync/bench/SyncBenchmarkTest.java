package io.azsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.demo.FakeAzure;
import io.azsync.transform.TransformMap;
import io.azsync.demo.FakeGraph;
import io.azsync.demo.FakeResources;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * The benchmark harness (not part of the unit run): a simulated tenant served over HTTPS on
 * loopback, azsync syncing it in its own JVM with a capped heap, and the physical reference of the
 * same work (plain HTTP fetch of the same pages, COPY of the same final rows into PostgreSQL).
 * <p>
 * {@code mvn -Pbenchmark test} — scale with -Dbench.vms (default 100000; NICs = VMs, public IPs =
 * VMs/3, assessments = 4×VMs), -Dbench.users (100000), -Dbench.groups (10000), -Dbench.devices
 * (50000), -Dbench.xmx (256m), -Dbench.jvmArgs (extra options for the azsync JVM, e.g. a JFR recording), -Dbench.jar
 * (run the packaged target/azsync.jar instead of the test class path), -Dbench.sinks (postgres, sqlite or both, the default),
 * -Dbench.launcher (run azsync through the
 * launcher, {@code ./azsync}, as users do: the JDK the tests run on, JAVA_OPTS from the options above, and on JDK 25 or
 * later its ahead-of-time cache, trained before the first timed sync; needs {@code mvn package} first). Results go to
 * stdout and target/benchmark-results.md.
 */
@Tag("benchmark")
class SyncBenchmarkTest {

    static final String[] STREAMS = {"azure-virtual-machines", "azure-network-interfaces", "azure-public-ip-addresses",
            "defender-assessments", "entra-users", "entra-groups", "entra-devices",
            // the coverage streams (issue 16), in proportion to the hosts: see populate
            "azure-resources", "azure-role-assignments", "azure-role-definitions", "defender-alerts", "defender-sub-assessments",
            "defender-secure-scores", "entra-service-principals", "entra-applications"};
    static final String[] TABLES = {"azure_virtual_machines", "azure_network_interfaces", "azure_public_ip_addresses",
            "defender_assessments", "entra_users", "entra_groups", "entra_group_members", "entra_devices",
            "azure_resources", "azure_role_assignments", "azure_role_definitions", "defender_alerts", "defender_sub_assessments",
            "defender_secure_scores", "entra_service_principals", "entra_applications"};
    static final ObjectMapper JSON = new ObjectMapper();

    final int vms = Integer.getInteger("bench.vms", 100_000);
    final int users = Integer.getInteger("bench.users", 100_000);
    final int groups = Integer.getInteger("bench.groups", 10_000);
    final int devices = Integer.getInteger("bench.devices", 50_000);
    final String xmx = System.getProperty("bench.xmx", "256m");

    @Test
    void defaultScale() throws Exception {
        StringBuilder report = new StringBuilder();
        Path dir = Files.createDirectories(Path.of("target", "benchmark"));
        // -Dbench.sinks=postgres (or sqlite) measures one sink only: both by default
        String sinks = System.getProperty("bench.sinks", "postgres,sqlite");
        try (FakeAzure azure = new FakeAzure()) {
            long t0 = System.nanoTime();
            populate(azure);
            report.append(String.format(Locale.ROOT, "Simulated tenant: %,d VMs, %,d NICs, %,d public IPs, %,d assessments, %,d users, "
                    + "%,d groups, %,d devices; coverage: %,d vulnerabilities, %,d alerts, %,d storage accounts, %,d role assignments, "
                    + "%,d service principals and as many applications (built in %.1f s)%n%n", vms, vms, vms / 3, vms * 4, users, groups,
                    devices, (vms + 1) / 2, (vms + 9) / 10, (vms + 9) / 10, (vms + 9) / 10, users / 10, secs(t0)));
            double fetch = Double.NaN;
            if (sinks.contains("postgres")) try (TestDatabase db = TestDatabase.postgres()) {
                Result[] runs = firstAndSecond(azure, db, dir, "postgres", "PostgreSQL", report);
                fetch = referenceFetch(azure);
                double copy = referenceCopy(db);
                report.append(String.format(Locale.ROOT, "Physical reference: plain HTTP fetch of the same pages %.1f s + COPY of the same final "
                        + "rows into PostgreSQL %.1f s = %.1f s%n", fetch, copy, fetch + copy));
                report.append(String.format(Locale.ROOT, "azsync first sync into PostgreSQL / reference = %.2f×; second sync / first = %.2f%n%n",
                        runs[0].seconds / (fetch + copy), runs[1].seconds / runs[0].seconds));
                postgresSecondToFirst = runs[1].seconds / runs[0].seconds;
            }
            Path sqliteDir = Files.createDirectories(dir.resolve("sqlite"));
            if (sinks.contains("sqlite")) for (String f : new String[] {"azsync.db", "azsync.db-wal", "azsync.db-shm"}) {
                Files.deleteIfExists(sqliteDir.resolve(f));
            }
            if (sinks.contains("sqlite")) try (TestDatabase db = TestDatabase.sqlite(sqliteDir)) {
                Result[] runs = firstAndSecond(azure, db, dir, "sqlite", "SQLite", report);
                report.append(String.format(Locale.ROOT, "SQLite: first sync / plain HTTP fetch of the same pages (%.1f s) = %.2f×; second sync / "
                        + "first = %.2f%n", fetch, runs[0].seconds / fetch, runs[1].seconds / runs[0].seconds));
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-results.md"), report.toString());
        // the targets, asserted once the report is written (so a miss still leaves its figures)
        if (vms >= 100_000 && sinks.contains("postgres")) {
            // the target is set for the default scale; smaller tenants are dominated by start-up
            assertTrue(postgresSecondToFirst <= 0.5, "a no-change re-sync into PostgreSQL takes at most half the first sync: "
                    + String.format(Locale.ROOT, "%.2f", postgresSecondToFirst) + "\n" + report);
        }
        assertEquals(0, noChangeTuples, "issue 14: a no-change re-sync inserts and updates no tuple in the entity tables\n" + report);
    }

    private double postgresSecondToFirst;

    /** Tuples the no-change re-sync wrote in the entity tables, the most of both sinks (issue 14: 0). */
    long noChangeTuples = -1;

    /** The database's size on disk: PostgreSQL's entity and ledger relations of the schema with indexes, SQLite's pages. */
    static long databaseBytes(TestDatabase db) {
        if (db.isPostgres()) {
            return db.count("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                    + "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'");
        }
        return db.count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    }

    /** A first sync and a no-change second sync into {@code db}, reported as two tables and a resource line. */
    Result[] firstAndSecond(FakeAzure azure, TestDatabase db, Path dir, String name, String title, StringBuilder report) throws Exception {
        Map<String, String> env = ProjectFiles.env(azure, db);
        Result first = runSync(azure, env, dir.resolve(name + "-first.log"));
        long lastFirstRun = db.count("SELECT MAX(run_id) FROM sync_runs");
        io.azsync.testing.EntityTableWrites writes = new io.azsync.testing.EntityTableWrites(db).watch();
        long tuplesBefore = writes.count();
        long bytes = databaseBytes(db);
        long records = db.count("SELECT COALESCE(SUM(records_read), 0) FROM sync_runs");
        Result second = runSync(azure, env, dir.resolve(name + "-second.log"));
        // issue 14's target: a no-change re-sync inserts, updates and deletes 0 tuples in the entity tables (asserted at the end)
        long tuples = writes.count() - tuplesBefore;
        noChangeTuples = Math.max(noChangeTuples, tuples);
        report.append(String.format(Locale.ROOT, "%s: tuples inserted + updated + deleted in the entity tables by the no-change re-sync "
                + "(%s): %,d (target 0)%n", title, db.isPostgres() ? "pg_stat_user_tables" : "triggers counting every row change", tuples));
        report.append(String.format(Locale.ROOT, "%s: %,d records; CPU (user + system, whole process incl. start-up): first %.1f s = "
                + "%.1f s per 100k records, second %.1f s = %.2f of the first; database %,.1f MiB = %,.1f MiB per 100k records%n",
                title, records, first.cpuSeconds, first.cpuSeconds * 100_000 / Math.max(1, records), second.cpuSeconds,
                second.cpuSeconds / first.cpuSeconds, bytes / 1048576.0, bytes / 1048576.0 * 100_000 / Math.max(1, records)));
        assertEquals(0, first.exit, title + ": the first sync with -Xmx" + xmx + " completes");
        assertEquals(0, second.exit, title + ": the second sync completes");
        assertEquals(0, db.count("SELECT COALESCE(SUM(records_written), 0) FROM sync_runs WHERE run_id > " + lastFirstRun),
                title + ": a re-sync of unchanged data writes no row");
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs WHERE state <> 'succeeded'"), title + ": every run succeeded");
        report.append(table(title + ": first sync (everything new)", first, db, 1)).append('\n');
        report.append(table(title + ": second sync (no changes)", second, db, 2)).append('\n');
        if (Boolean.getBoolean("bench.editedMaps")) {
            editedMaps(azure, db, env, dir, name, title, report);
        }
        report.append(String.format(Locale.ROOT, "azsync JVM (%s): -Xmx%s, peak heap used %,d MiB / %,d MiB, peak RSS %,d MiB / %,d MiB, "
                + "%d / %d collections taking %.2f / %.2f CPU-s (first / second), exit %d / %d%n", title, xmx, first.peakHeapMb,
                second.peakHeapMb, first.peakRssKb / 1024, second.peakRssKb / 1024, first.collections, second.collections,
                first.gcCpuSeconds, second.gcCpuSeconds, first.exit, second.exit));
        return new Result[] {first, second};
    }

    /**
     * -Dbench.editedMaps=true: a third sync after an integrator added a column to every transform map
     * (a copy of them), so every row's hash changes and every row is written again, the most a run
     * remembers of what it wrote. It must complete with the same -Xmx.
     */
    void editedMaps(FakeAzure azure, TestDatabase db, Map<String, String> env, Path dir, String name, String title, StringBuilder report)
            throws Exception {
        Path maps = dir.resolve(name + "-edited-maps");
        Map<String, String> edited = new LinkedHashMap<>(env);
        edited.put("AZSYNC_TRANSFORM_MAPS_DIR", maps.toString());
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("transform-maps"))) {
            for (Path f : files.toList()) {
                Path target = maps.resolve(Path.of("transform-maps").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (f.toString().endsWith(".yaml")) {
                    String text = Files.readString(f);
                    assertTrue(text.contains("\ncolumns:\n"), f + " has a columns block");
                    Files.writeString(target, text.replace("\ncolumns:\n", "\ncolumns:\n  bench_edit: name\n"));
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        long lastRun = db.count("SELECT MAX(run_id) FROM sync_runs");
        Result third = runSync(azure, edited, dir.resolve(name + "-edited.log"));
        long rewritten = db.count("SELECT COALESCE(SUM(records_written), 0) FROM sync_runs WHERE run_id > " + lastRun);
        report.append(String.format(Locale.ROOT, "%s: a sync after a column was added to every map: %,d rows written, CPU %.1f s, "
                + "peak heap used %,d MiB, peak RSS %,d MiB, %.1f s wall, exit %d%n%n", title, rewritten, third.cpuSeconds, third.peakHeapMb,
                third.peakRssKb / 1024, third.seconds, third.exit));
        assertEquals(0, third.exit, title + ": the sync after every map was edited completes with -Xmx" + xmx + "\n" + report);
    }

    /**
     * Resource Graph's quota switched on (15 queries per 5 s, as Azure documents): the Resource Graph
     * streams of a tenant of -Dbench.quota.vms VMs (default 20,000: 127 queries) must see no 429
     * reach their failure path and finish within 10 % of the minimum the quota imposes, which is
     * floor((queries - 1) / 15) × 5 s from the first query to the last.
     */
    @Test
    void resourceGraphQuota() throws Exception {
        int quotaVms = Integer.getInteger("bench.quota.vms", 20_000);
        StringBuilder report = new StringBuilder();
        try (FakeAzure azure = new FakeAzure(); TestDatabase db = TestDatabase.postgres()) {
            populate(azure, quotaVms, 0, 0, 0);
            azure.quota(15, Duration.ofSeconds(5));
            Map<String, String> env = ProjectFiles.env(azure, db);
            Path dir = Files.createDirectories(Path.of("target", "benchmark"));
            String[] streams = java.util.Arrays.copyOf(STREAMS, 4);
            Result r = runSync(azure, env, dir.resolve("quota.log"), streams);

            List<FakeAzure.Request> queries = azure.requests(FakeAzure.RESOURCE_GRAPH);
            int answered429 = azure.answered(429);
            int n = queries.size() - answered429;
            double minimum = Math.floor((n - 1) / 15.0) * 5;
            Map<String, Object> span = db.query("SELECT EXTRACT(EPOCH FROM MAX(finished_at)) AS f, "
                    + "SUM(CASE WHEN state = 'succeeded' THEN 1 ELSE 0 END) AS ok FROM sync_runs").get(0);
            double end = Double.parseDouble(String.valueOf(span.get("f")));
            double firstToEnd = end - queries.get(0).at().toEpochMilli() / 1000.0;
            report.append(String.format(Locale.ROOT, "### Resource Graph quota on (15 queries / 5 s): %,d VMs, %,d NICs, %,d public IPs, "
                    + "%,d assessments%n%n", quotaVms, quotaVms, (quotaVms + 2) / 3, quotaVms * 4));
            report.append(String.format(Locale.ROOT, "- queries answered: %,d; 429 answers: %d; streams succeeded: %s of 4 (exit %d)%n",
                    n, answered429, span.get("ok"), r.exit));
            report.append(String.format(Locale.ROOT, "- quota-imposed minimum (first to last query): %.1f s; azsync, first query to the end "
                    + "of the last stream: %.1f s (%.1f %% above the minimum); whole process incl. JVM start: %.1f s%n",
                    minimum, firstToEnd, (firstToEnd / minimum - 1) * 100, r.seconds));
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark-quota.md"), report.toString());
            // the targets of the quota scenario (its class comment): no 429 reaches a stream, within 10 % of the minimum
            assertEquals(0, r.exit, report.toString());
            assertEquals("4", String.valueOf(span.get("ok")), "every stream succeeded\n" + report);
            assertTrue(firstToEnd <= minimum * 1.10, "within 10 % of the quota-imposed minimum\n" + report);
        }
    }

    /**
     * The live profile (issue 13): Resource Graph answers in 1.2 s a page and allows 15 queries per
     * 5 s, Graph 0.6 s a page, ARM 0.3 s; 12,000 VMs (with NICs, public IPs and 48,000
     * assessments) and 12,000 users. A full sync is compared with the floor that quota and latency
     * set: max((Resource Graph pages − 15) / 3 per second + one page's latency, the Graph chain ×
     * 0.6 s) + 3 s of start-up; target ≤ 1.25×. A second sync runs while VMs are deleted and created
     * after every VM page: 0 live VMs may be marked deleted. -Dbench.live.vms, -Dbench.live.users.
     */
    @Test
    void liveProfile() throws Exception {
        int liveVms = Integer.getInteger("bench.live.vms", 12_000);
        int liveUsers = Integer.getInteger("bench.live.users", 12_000);
        String[] streams = LIVE_STREAMS;
        StringBuilder report = new StringBuilder();
        try (FakeAzure azure = new FakeAzure(); TestDatabase db = TestDatabase.postgres()) {
            live(azure, liveVms, liveUsers);
            Map<String, String> env = new LinkedHashMap<>(ProjectFiles.env(azure, db));
            Path dir = Files.createDirectories(Path.of("target", "benchmark"));
            Result full = runSync(azure, env, dir.resolve("live-full.log"), streams);
            int rgQueries = azure.requests(FakeAzure.RESOURCE_GRAPH).size();
            int pages = (liveVms + 999) / 1000 * 2 + ((liveVms + 2) / 3 + 999) / 1000 + (liveVms * 4 + 999) / 1000;
            int graphChain = (liveUsers + 998) / 999;
            double floor = Math.max((pages - 15) / 3.0 + 1.2, graphChain * 0.6) + 3;
            int refused = azure.answered(429);
            List<java.time.Instant> arrivals = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().map(FakeAzure.Request::at).sorted().toList();
            int busiest = 0;
            for (int i = 0, j = 0; i < arrivals.size(); i++) {
                while (Duration.between(arrivals.get(j), arrivals.get(i)).toMillis() >= 5000) {
                    j++;
                }
                busiest = Math.max(busiest, i - j + 1);
            }
            double rgSpan = Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toMillis() / 1000.0;
            // when each Resource Graph query arrived, from the first: where the quota went unused
            Files.writeString(dir.resolve("live-full-arrivals.txt"), azure.requests().stream()
                    .sorted(java.util.Comparator.comparing(FakeAzure.Request::at))
                    .map(r -> String.format(Locale.ROOT, "%.2f %s %s", Duration.between(full.started(), r.at()).toMillis() / 1000.0, r.api(),
                            (FakeAzure.TOKEN.equals(r.api()) ? "(body left out: it holds the client secret)" : r.body()).replaceAll("\\s+", " ").replaceAll("'[0-9a-f]{2}'(, )?", "").replaceAll("\"\\$skipToken\":\"[^\"]{0,12}[^\"]*\"", "skip")))
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
            report.append(String.format(Locale.ROOT, "### Live profile: %,d VMs, %,d NICs, %,d public IPs, %,d assessments, %,d users; "
                    + "Resource Graph 1.2 s/page and 15 queries / 5 s, Graph 0.6 s/page, ARM 0.3 s%n%n", liveVms, liveVms,
                    (liveVms + 2) / 3, liveVms * 4, liveUsers));
            report.append(String.format(Locale.ROOT, "- full sync: %.1f s (exit %d); floor %.1f s (%d Resource Graph pages, a Graph chain "
                    + "of %d pages) → **%.2f× the floor**%n", full.seconds, full.exit, floor, pages, graphChain, full.seconds / floor));
            // Microsoft documents the quota as "at most 15 queries within every 5-second window" (the simulator: any 5 s): the
            // floor above treats it as 15 at once and then 3 a second, which no client can reach; with windows, N queries
            // need (ceil(N / 15) - 1) whole windows between the first and the last
            double windowFloor = Math.max((Math.ceil(pages / 15.0) - 1) * 5 + 1.2, graphChain * 0.6) + 3;
            report.append(String.format(Locale.ROOT, "- against the floor the documented window sets ((ceil(%d / 15) − 1) × 5 s + 1.2 s + 3 s "
                    + "= %.1f s): %.2f×%n", pages, windowFloor, full.seconds / windowFloor));
            report.append(String.format(Locale.ROOT, "- requests: %s; Resource Graph queries %d against a page minimum of %d; 429 answers "
                    + "%d (retried, none failed a stream)%n", full.requests, rgQueries, pages, refused));
            report.append(String.format(Locale.ROOT, "- Resource Graph: first query %.1f s after the process started; first to last query "
                    + "%.1f s (%.2f queries/s); the busiest 5 s held %d (quota 15); the sync ended %.1f s after the last query%n",
                    Duration.between(full.started(), arrivals.get(0)).toMillis() / 1000.0, rgSpan, (arrivals.size() - 1) / rgSpan, busiest,
                    full.seconds - Duration.between(full.started(), arrivals.get(arrivals.size() - 1)).toMillis() / 1000.0));

            Result churned = churnedSync(azure, env, dir.resolve("live-churn.log"), streams);
            long falselyDeleted = falselyDeleted(azure, db);
            long confirmations = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("in~")).count();
            report.append(String.format(Locale.ROOT, "- sync under churn (5 VMs deleted and 5 created after every VM page): %.1f s (exit %d); "
                    + "VMs deleted by the churn %d; **live VMs marked deleted: %d**; confirmation queries %d%n", churned.seconds,
                    churned.exit, azure.churnRemoved().size(), falselyDeleted, confirmations));
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark-live.md"), report.toString());
            assertEquals(0, full.exit, report + logTail(dir.resolve("live-full.log")));
            assertEquals(0, churned.exit, report + logTail(dir.resolve("live-churn.log")));
            assertEquals(0, falselyDeleted, report.toString());
            assertTrue(full.seconds <= floor * 1.25, "within 1.25× of the floor\n" + report);
        }
    }

    /** The streams the live profile syncs. */
    static final String[] LIVE_STREAMS = {"azure-virtual-machines", "azure-network-interfaces", "azure-public-ip-addresses",
            "defender-assessments", "entra-users"};

    /** The live profile's estate and Azure: latency per API and Resource Graph's quota. */
    void live(FakeAzure azure, int vms, int users) {
        populate(azure, vms, users, 0, 0);
        azure.latency(FakeAzure.RESOURCE_GRAPH, Duration.ofMillis(1200)).latency(FakeAzure.GRAPH, Duration.ofMillis(600))
                .latency(FakeAzure.SUBSCRIPTIONS, Duration.ofMillis(300)).quota(15, Duration.ofSeconds(5));
    }

    /** A sync while 5 VMs are deleted and 5 created after every VM page. */
    Result churnedSync(FakeAzure azure, Map<String, String> env, Path log, String[] streams) throws Exception {
        // numbered on from the VMs earlier churned runs created: a repeated run makes no second VM of the same id
        int before = azure.churnAdded().size();
        azure.churn("microsoft.compute/virtualmachines", 5, 5, n -> FakeResources.virtualMachine("be000000-0000-4000-8000-000000000001",
                "rg", String.format("churn-%06d", before + n), null));
        try {
            return runSync(azure, env, log, streams);
        } finally {
            azure.stopChurn();
        }
    }

    /** VMs Azure still has that the sink marked deleted. */
    static long falselyDeleted(FakeAzure azure, TestDatabase db) throws Exception {
        java.util.Set<String> live = new java.util.HashSet<>();
        azure.ids("microsoft.compute/virtualmachines").forEach(id -> live.add(id.toLowerCase(Locale.ROOT)));
        return db.query("SELECT id FROM azure_virtual_machines WHERE deleted_at IS NOT NULL").stream()
                .filter(r -> live.contains(String.valueOf(r.get("id")))).count();
    }

    /** VMs the sink holds as live that Azure no longer has. */
    static java.util.Set<String> goneFromAzure(FakeAzure azure, TestDatabase db) throws Exception {
        java.util.Set<String> live = new java.util.HashSet<>();
        azure.ids("microsoft.compute/virtualmachines").forEach(id -> live.add(id.toLowerCase(Locale.ROOT)));
        java.util.Set<String> gone = new java.util.HashSet<>();
        db.query("SELECT id FROM azure_virtual_machines WHERE deleted_at IS NULL").forEach(r -> gone.add(String.valueOf(r.get("id"))));
        gone.removeAll(live);
        return gone;
    }

    /**
     * The live profile's sync under churn, {@code -Dbench.live.churnRuns} times (default 10) after
     * one full sync: every run exits 0, marks no live VM deleted, and marks every VM deleted before
     * it started (a rare failure is found here, not in the timed profile).
     */
    @Test
    void liveChurnRepeated() throws Exception {
        int runs = Integer.getInteger("bench.live.churnRuns", 10);
        String[] streams = LIVE_STREAMS;
        try (FakeAzure azure = new FakeAzure(); TestDatabase db = TestDatabase.postgres()) {
            live(azure, Integer.getInteger("bench.live.vms", 12_000), Integer.getInteger("bench.live.users", 12_000));
            Map<String, String> env = new LinkedHashMap<>(ProjectFiles.env(azure, db));
            Path dir = Files.createDirectories(Path.of("target", "benchmark"));
            Result full = runSync(azure, env, dir.resolve("live-full.log"), streams);
            assertEquals(0, full.exit, logTail(dir.resolve("live-full.log")));
            StringBuilder report = new StringBuilder("### Live profile under churn, " + runs + " runs\n\n");
            // VMs a run found left unmarked by the run before it: the convergence check had something to check
            int checked = 0;
            for (int i = 1; i <= runs; i++) {
                Path log = dir.resolve("live-churn-" + i + ".log");
                java.util.Set<String> goneBefore = goneFromAzure(azure, db);
                int unmarkedBefore = goneBefore.size();
                checked += unmarkedBefore;
                int refusedBefore = azure.answered(429);
                Result churned = churnedSync(azure, env, log, streams);
                long falselyDeleted = falselyDeleted(azure, db);
                goneBefore.retainAll(goneFromAzure(azure, db));
                String line = String.format(Locale.ROOT, "- run %d: %.1f s, exit %d, 429 answers %d, live VMs marked deleted %d, VMs "
                        + "gone before the run and not yet marked %d, still not marked after it %d%n", i, churned.seconds, churned.exit,
                        azure.answered(429) - refusedBefore, falselyDeleted, unmarkedBefore, goneBefore.size());
                report.append(line);
                System.out.print(line);
                assertEquals(0, churned.exit, report + logTail(log));
                assertEquals(0, falselyDeleted, report.toString());
                assertEquals(java.util.Set.of(), goneBefore, "the VMs deleted before a run are marked by it\n" + report);
            }
            Files.writeString(Path.of("target", "benchmark-live-churn.md"), report.toString());
            if (runs >= 2) {
                assertTrue(checked > 0, "some VM deleted during a run was left for the next one to mark: convergence was checked\n" + report);
            }
        }
    }

    /** The end of a sync's output, for a failed run's message (the next run overwrites the file). */
    static String logTail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return "\n" + log + ", last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** One azsync process: wall seconds, peak RSS, peak heap, exit code, requests per API, and its CPU seconds (user + system; -1 unknown). */
    record Result(double seconds, long peakRssKb, long peakHeapMb, int exit, Map<String, Long> requests, double cpuSeconds,
                  java.time.Instant started, int collections, double gcCpuSeconds) {
    }

    /**
     * The scheduled case: {@code azsync run}, the service, syncs the tenant at its start (start-up included), then is
     * asked to sync it twice more with nothing changed ("sync now" over the REST API), as its schedule would. Each
     * sync's CPU is the process's (user + system, /proc/PID/stat) from the start, or from the request, to its runs'
     * end; the re-syncs must write no row and no tuple. Scale as defaultScale (-Dbench.vms and so on), PostgreSQL.
     */
    @Test
    void serviceResync() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "benchmark", "service"));
        StringBuilder report = new StringBuilder();
        try (FakeAzure azure = new FakeAzure(); TestDatabase db = TestDatabase.postgres()) {
            populate(azure);
            Map<String, String> env = new LinkedHashMap<>(ProjectFiles.oneConnector(dir, azure, db, "PT23H", STREAMS));
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            String token = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
            env.putAll(Map.of("AZSYNC_API_ENABLED", "true", "AZSYNC_API_PORT", String.valueOf(port), "AZSYNC_API_TOKEN", token));
            Map<String, String> launcherEnv = new LinkedHashMap<>();
            ProcessBuilder pb = new ProcessBuilder(azsync(dir.resolve("service.log.gc"), launcherEnv, "run"));
            pb.environment().putAll(env);
            pb.environment().putAll(launcherEnv);
            pb.directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
            Process service = pb.start();
            try {
                // the start-up sync: every stream of the connector ran once
                org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !service.isAlive() || finishedRuns(db) >= STREAMS.length);
                assertTrue(service.isAlive(), "the service runs: see " + dir.resolve("service.log"));
                double startCpu = cpuSeconds(service.pid());
                assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs WHERE state <> 'succeeded'"), "every run of the start-up sync succeeded");
                long records = db.count("SELECT COALESCE(SUM(records_read), 0) FROM sync_runs");
                report.append(String.format(Locale.ROOT, "Service (azsync run), PostgreSQL, %,d records: start and start-up sync %.1f CPU-s = "
                        + "%.1f s per 100k records%n", records, startCpu, startCpu * 100_000 / Math.max(1, records)));
                io.azsync.testing.EntityTableWrites writes = new io.azsync.testing.EntityTableWrites(db).watch();
                HttpClient http = HttpClient.newHttpClient();
                for (int round = 1; round <= 2; round++) {
                    long lastRun = db.count("SELECT MAX(run_id) FROM sync_runs");
                    long tuplesBefore = writes.count(SERVICE_STATS_QUIET);
                    double before = cpuSeconds(service.pid());
                    HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/connectors/tenant-one/sync")).header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(202, accepted.statusCode(), accepted.body());
                    int expected = JSON.readTree(accepted.body()).path("runIds").size();
                    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                            .until(() -> db.count("SELECT COUNT(*) FROM sync_runs WHERE run_id > " + lastRun + " AND finished_at IS NOT NULL")
                                    >= expected);
                    double cpu = cpuSeconds(service.pid()) - before;
                    long tuples = writes.count(SERVICE_STATS_QUIET) - tuplesBefore;
                    assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs WHERE run_id > " + lastRun + " AND state <> 'succeeded'"),
                            "every run of sync " + round + " succeeded");
                    assertEquals(0, db.count("SELECT COALESCE(SUM(records_written), 0) FROM sync_runs WHERE run_id > " + lastRun),
                            "a re-sync of unchanged data writes no row");
                    assertEquals(0, tuples, "a no-change re-sync inserts and updates no tuple in the entity tables");
                    report.append(String.format(Locale.ROOT, "Service: no-change re-sync %d (sync now, %d stream runs) %.1f CPU-s = %.2f of "
                            + "the start and start-up sync, %,d tuples%n", round, expected, cpu, cpu / startCpu, tuples));
                }
            } finally {
                service.destroy();
                service.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
                service.destroyForcibly();
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-service.md"), report.toString());
    }

    /** PostgreSQL's statistics of a connection that stays open arrive up to 10 s after it went idle (PGSTAT_IDLE_INTERVAL). */
    static final Duration SERVICE_STATS_QUIET = Duration.ofSeconds(11);

    /** Stream runs that ended, however. */
    static long finishedRuns(TestDatabase db) {
        try {
            return db.count("SELECT COUNT(*) FROM sync_runs WHERE finished_at IS NOT NULL");
        } catch (IllegalStateException e) {
            return 0;   // the ledger is not there yet
        }
    }

    /** A live process's CPU so far, user + system, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static boolean launcherTrained;

    /**
     * Lets the launcher train its ahead-of-time cache (JDK 25+; nothing before) with an untimed
     * {@code --version}, so that no timed sync pays for the training.
     */
    static synchronized void trainLauncher(String launcher, Map<String, String> env) throws Exception {
        if (launcherTrained) {
            return;
        }
        if (!Files.isRegularFile(Path.of("target/azsync.jar"))) {
            throw new IllegalStateException("-Dbench.launcher runs target/azsync.jar: build it first (mvn -DskipTests package)");
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(launcher).toAbsolutePath().toString(), "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(launcher + " --version exited " + exit);
        }
        launcherTrained = true;
    }

    Result runSync(FakeAzure azure, Map<String, String> env, Path log) throws Exception {
        return runSync(azure, env, log, STREAMS);
    }

    Result runSync(FakeAzure azure, Map<String, String> env, Path log, String[] streams) throws Exception {
        azure.clearRequests();
        List<String> command = new ArrayList<>();
        Path times = Path.of(log + ".time");
        Files.deleteIfExists(times);
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            // GNU time: the whole process's CPU (user + system) and peak RSS, read from the kernel at its exit
            command.addAll(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%U %S %M"));
        }
        Path gcLog = Path.of(log + ".gc");
        Map<String, String> launcherEnv = new LinkedHashMap<>();
        command.addAll(azsync(gcLog, launcherEnv, "sync"));
        for (String s : streams) {
            command.add("--stream");
            command.add(s);
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().putAll(launcherEnv);
        pb.directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        java.time.Instant started = java.time.Instant.now();
        Process p = pb.start();
        long peak = 0;
        // sample the RSS every 200 ms, but see the exit when it happens (a sleep would add up to 200 ms to the wall time)
        do {
            peak = Math.max(peak, rssKb(p.pid()));
        } while (!p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS));
        double seconds = secs(t0);
        Map<String, Long> requests = new LinkedHashMap<>();
        for (FakeAzure.Request r : azure.requests()) {
            requests.merge(r.api(), 1L, Long::sum);
        }
        double cpu = -1;
        if (timed && Files.exists(times)) {
            String[] t = Files.readAllLines(times).stream().filter(l -> l.matches("[0-9.]+ [0-9.]+ [0-9]+")).findFirst().orElse("-1 0 0")
                    .split(" ");
            cpu = Double.parseDouble(t[0]) + Double.parseDouble(t[1]);
            peak = Math.max(peak, Long.parseLong(t[2]));
        }
        double[] gc = gcCpu(gcLog);
        return new Result(seconds, peak, peakHeapMb(gcLog), p.exitValue(), requests, cpu, started, (int) gc[0], gc[1]);
    }

    /**
     * The command that runs azsync {@code args} in its own JVM as the options say (-Dbench.launcher, -Dbench.jar or the
     * test class path), with -Xmx, the simulator's trust store, a GC log at {@code gcLog} and -Dbench.jvmArgs; what the
     * launcher needs in its environment goes into {@code launcherEnv}.
     */
    List<String> azsync(Path gcLog, Map<String, String> launcherEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + xmx,
                "-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
                "-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword"),
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
        Files.deleteIfExists(gcLog);
        jvm.add("-Xlog:gc,gc+cpu:file=" + gcLog);
        String extra = System.getProperty("bench.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        String launcher = System.getProperty("bench.launcher", "").trim();
        String jar = System.getProperty("bench.jar", "").trim();
        if (!launcher.isEmpty()) {
            // as users run it: the launcher picks the JVM (JAVA_HOME), takes JAVA_OPTS, adds its AOT cache on JDK 25+
            launcherEnv.put("JAVA_HOME", System.getProperty("java.home"));
            launcherEnv.put("JAVA_OPTS", String.join(" ", jvm));
            trainLauncher(launcher, launcherEnv);
            command.add(Path.of(launcher).toAbsolutePath().toString());
        } else if (!jar.isEmpty()) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm);
            // the packaged application, as the launcher and docker compose run it (mvn package first)
            command.addAll(List.of("-jar", jar));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.azsync.cli.AzsyncCommand"));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Collections and their CPU seconds (user + system) as -Xlog:gc+cpu reports each: {count, seconds}. */
    static double[] gcCpu(Path gcLog) throws java.io.IOException {
        double[] out = new double[2];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("User=([0-9.]+)s Sys=([0-9.]+)s").matcher(Files.readString(gcLog));
        while (m.find()) {
            out[0]++;
            out[1] += Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
        }
        return out;
    }

    /** The most heap in use the GC log shows (the "before" of each collection, and the end state). */
    static long peakHeapMb(Path gcLog) throws java.io.IOException {
        long peak = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)").matcher(Files.readString(gcLog));
        while (m.find()) {
            peak = Math.max(peak, Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        }
        return peak;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception ignored) {
            // the process ended
        }
        return 0;
    }

    String table(String title, Result r, TestDatabase db, int runNumber) {
        StringBuilder sb = new StringBuilder("### " + title + String.format(Locale.ROOT, " — %.1f s wall%n%n", r.seconds));
        sb.append("| stream | records | pages | seconds | records/s | rows written | unchanged |\n|---|---:|---:|---:|---:|---:|---:|\n");
        long totalRecords = 0;
        long totalPages = 0;
        long totalWritten = 0;
        for (String stream : STREAMS) {
            String secs = db.url().startsWith("jdbc:sqlite") ? "(julianday(finished_at) - julianday(started_at)) * 86400"
                    : "EXTRACT(EPOCH FROM (finished_at - started_at))";
            List<Map<String, Object>> rows = db.query("SELECT records_read, pages, records_written, records_unchanged, "
                    + secs + " AS secs FROM sync_runs WHERE stream = ? ORDER BY run_id", stream);
            Map<String, Object> run = rows.get(runNumber - 1);
            long records = ((Number) run.get("records_read")).longValue();
            double seconds = Double.parseDouble(String.valueOf(run.get("secs")));
            totalRecords += records;
            totalPages += ((Number) run.get("pages")).longValue();
            totalWritten += ((Number) run.get("records_written")).longValue();
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,.0f | %,d | %,d |%n", stream, records, run.get("pages"), seconds,
                    records / Math.max(seconds, 0.001), run.get("records_written"), run.get("records_unchanged")));
        }
        sb.append(String.format(Locale.ROOT, "| **total** | %,d | %,d | %.1f | %,.0f | %,d | |%n%n", totalRecords, totalPages, r.seconds,
                totalRecords / r.seconds, totalWritten));
        sb.append("HTTP requests made: ").append(r.requests).append(String.format(Locale.ROOT, " (page minimum: %,d)%n", totalPages));
        return sb.toString();
    }

    /** The same pages fetched with a plain HTTP client: token once, POST/GET in a loop, JSON parsed, nothing else. */
    double referenceFetch(FakeAzure azure) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + FakeAzure.CLIENT_ID + "&client_secret="
                + URLEncoder.encode(FakeAzure.CLIENT_SECRET, StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode(azure.url() + "/.default", StandardCharsets.UTF_8);
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(azure.url() + "/" + FakeAzure.TENANT + "/oauth2/v2.0/token"))
                .POST(HttpRequest.BodyPublishers.ofString(form)).header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        long t0 = System.nanoTime();
        // the same pages azsync reads: per type, and the coverage streams' queries (the whole resources table among them)
        for (String query : new String[] {"resources | where type =~ 'microsoft.compute/virtualmachines'",
                "resources | where type =~ 'microsoft.network/networkinterfaces'", "resources | where type =~ 'microsoft.network/publicipaddresses'",
                "securityresources | where type =~ 'microsoft.security/assessments'", "resources",
                "authorizationresources | where type =~ 'microsoft.authorization/roleassignments'",
                "authorizationresources | where type =~ 'microsoft.authorization/roledefinitions'",
                "securityresources | where type =~ 'microsoft.security/locations/alerts'",
                "securityresources | where type =~ 'microsoft.security/assessments/subassessments'",
                "securityresources | where type =~ 'microsoft.security/securescores'"}) {
            String skip = null;
            do {
                ObjectNode body = JSON.createObjectNode();
                body.put("query", query + " | order by id asc");
                body.putObject("options").put("$top", 1000).put("$skipToken", skip);
                JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(azure.url()
                        + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body());
                skip = page.hasNonNull("$skipToken") ? page.get("$skipToken").asText() : null;
            } while (skip != null);
        }
        for (String path : new String[] {"users/delta?$select=id,displayName", "groups/delta?$select=id,displayName",
                "groups/delta?$select=id,members", "devices/delta?$select=id,displayName",
                "servicePrincipals/delta?$select=id,displayName,passwordCredentials", "applications/delta?$select=id,displayName,passwordCredentials"}) {
            String next = azure.url() + "/v1.0/" + path;
            while (next != null) {
                JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(next)).header("Authorization", "Bearer " + token)
                        .header("Prefer", "odata.maxpagesize=999").GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body());
                next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            }
        }
        return secs(t0);
    }

    /** COPY of the final rows of every table into an empty copy of it. */
    /**
     * Issue 14's loading question on PostgreSQL: the same pages of mapped assessment rows (the real
     * defender-assessments map, -Dbench.load.pages of 1,000, default 40) loaded into an empty table,
     * then again with every row changed, (a) by the batched upsert (one multi-row statement per 128
     * rows, what azsync does) and (b) COPY into a temporary staging table (made once per connection)
     * and one INSERT … SELECT … ON CONFLICT merge per page; one transaction per page either way. Reports wall time and the client thread's CPU of each
     * (target/benchmark-loading.md).
     */
    @Test
    void loadingMethods() throws Exception {
        int pageCount = Integer.getInteger("bench.load.pages", 40);
        TransformMap map = io.azsync.transform.TransformMapLoader.loadDirectory(Path.of("transform-maps")).values().stream()
                .filter(m -> m.table().equals("defender_assessments")).findFirst().orElseThrow();
        java.util.function.IntFunction<List<io.azsync.transform.MappedPage>> pages = round -> {
            List<io.azsync.transform.MappedPage> out = new ArrayList<>();
            io.azsync.transform.PageMapper mapper = new io.azsync.transform.PageMapper(map);
            for (int p = 0; p < pageCount; p++) {
                List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>();
                for (int r = 0; r < 1000; r++) {
                    int i = p * 1000 + r;
                    records.add(FakeResources.assessment(FakeResources.vmId("00000000-0000-4000-8000-000000000001", "rg",
                            String.format("vm-%06d", i / 4)), "rec-" + (i % 4) + "-" + round, round % 2 == 0 ? "Unhealthy" : "Healthy",
                            "Medium", "Id", "Valid Accounts"));
                }
                out.add(mapper.mapPage(new io.azsync.core.Page(p + 1, records)));
            }
            return out;
        };
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "### Loading %,d assessment rows into PostgreSQL%n%n"
                + "| method | load into an empty table | load again, every row changed |%n|---|---|---|%n", pageCount * 1000));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String method : new String[] {"batched upsert (pgjdbc reWriteBatchedInserts)",
                "COPY into a staging table + one merge per page (a plain JDBC connection)",
                "COPY (azsync's PostgresDialect.load, through the pool)"}) {
            try (TestDatabase db = TestDatabase.postgres()) {
                io.azsync.sink.Database database = io.azsync.sink.Database.open(db.url(), db.user(), db.password());
                new io.azsync.sink.SchemaManager(database).ensureLedger();
                new io.azsync.sink.SchemaManager(database).ensure(map);
                StringBuilder row = new StringBuilder("| " + method + " |");
                for (int round = 0; round < 2; round++) {
                    List<io.azsync.transform.MappedPage> mapped = pages.apply(round);
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    if (method.startsWith("batched")) {
                        batchedUpsert(database, map, mapped);
                    } else if (method.startsWith("COPY (azsync")) {
                        java.time.Instant now = java.time.Instant.now();
                        for (io.azsync.transform.MappedPage page : mapped) {
                            database.inTransaction(c -> database.dialect().load(c, map, page.rows(), "default", now, 1));
                        }
                    } else {
                        copyAndMerge(db, map, mapped);
                    }
                    row.append(String.format(Locale.ROOT, " %.2f s wall, %.2f s client CPU |", secs(t0),
                            (threads.getCurrentThreadCpuTime() - cpu0) / 1e9));
                    assertEquals(pageCount * 1000L, db.count("SELECT COUNT(*) FROM defender_assessments WHERE status_code = ?",
                            round % 2 == 0 ? "Unhealthy" : "Healthy"), method + " loaded every row");
                }
                report.append(row).append('\n');
                database.close();
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-loading.md"), report.toString());
    }

    /** Method (a) of {@link #loadingMethods}: the batched upsert azsync used before, one transaction per page. */
    static void batchedUpsert(io.azsync.sink.Database database, TransformMap map, List<io.azsync.transform.MappedPage> pages)
            throws Exception {
        io.azsync.sink.Dialect dialect = database.dialect();
        java.time.Instant now = java.time.Instant.now();
        for (io.azsync.transform.MappedPage page : pages) {
            database.inTransaction(c -> {
                try (java.sql.PreparedStatement ps = c.prepareStatement(dialect.upsert(map))) {
                    for (io.azsync.transform.MappedRow row : page.rows()) {
                        int i = 1;
                        for (int col = 0; col < map.columns().size(); col++) {
                            dialect.bind(ps, i++, map.columns().get(col).type(), row.value(col));
                        }
                        ps.setString(i++, "default");
                        dialect.bindInstant(ps, i++, now);
                        dialect.bindInstant(ps, i++, now);
                        ps.setLong(i++, 1);
                        ps.setString(i, row.hash());
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
        }
    }

    /** Method (b) of {@link #loadingMethods}: per page, COPY the rows into a temporary table, then one merge. */
    static void copyAndMerge(TestDatabase db, TransformMap map, List<io.azsync.transform.MappedPage> pages) throws Exception {
        List<String> columns = new ArrayList<>(map.columns().stream().map(io.azsync.transform.ColumnSpec::name).toList());
        columns.addAll(List.of("connector", "first_seen_at", "last_seen_at", "last_run_id", "row_hash"));
        String updates = columns.stream().filter(c -> !map.keyColumns().contains(c) && !c.equals("first_seen_at"))
                .map(c -> c + " = excluded." + c).collect(java.util.stream.Collectors.joining(", "));
        String merge = "INSERT INTO " + map.table() + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", columns)
                + " FROM stage ON CONFLICT (" + String.join(", ", map.keyColumns()) + ") DO UPDATE SET " + updates + ", deleted_at = NULL "
                + "WHERE " + map.table() + ".row_hash IS DISTINCT FROM excluded.row_hash OR " + map.table() + ".deleted_at IS NOT NULL";
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TEMP TABLE stage (LIKE " + map.table() + ") ON COMMIT DELETE ROWS");
            c.commit();
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            String now = java.time.Instant.now().toString();
            for (io.azsync.transform.MappedPage page : pages) {
                StringBuilder text = new StringBuilder();
                for (io.azsync.transform.MappedRow row : page.rows()) {
                    for (int i = 0; i < map.columns().size(); i++) {
                        Object v = row.value(i);
                        text.append(i == 0 ? "" : "\t").append(v == null ? "\\N" : copyText(v instanceof List<?> ? JSON.writeValueAsString(v)
                                : v.toString()));
                    }
                    text.append("\tdefault\t").append(now).append('\t').append(now).append("\t1\t").append(row.hash()).append('\n');
                }
                copy.copyIn("COPY stage (" + String.join(", ", columns) + ") FROM STDIN", new StringReader(text.toString()));
                st.executeUpdate(merge);
                c.commit();
            }
        }
    }

    /** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
    static String copyText(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    double referenceCopy(TestDatabase db) throws Exception {
        long total = 0;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : TABLES) {
                // the rows' text through a file into one array of its size: a StringWriter of a million JSON records (and its
                // copy as a String) did not fit in the harness's heap at the default scale
                Path dump = Files.createTempFile("bench-copy-", ".txt");
                byte[] rows;
                try {
                    try (java.io.OutputStream out = Files.newOutputStream(dump)) {
                        copy.copyOut("COPY " + table + " TO STDOUT", out);
                    }
                    rows = Files.readAllBytes(dump);
                } finally {
                    Files.deleteIfExists(dump);
                }
                st.execute("CREATE TABLE bench_" + table + " (LIKE " + table + " INCLUDING ALL)");
                long t0 = System.nanoTime();
                copy.copyIn("COPY bench_" + table + " FROM STDIN", new java.io.ByteArrayInputStream(rows));
                total += System.nanoTime() - t0;
            }
        }
        return total / 1e9;
    }

    void populate(FakeAzure azure) {
        populate(azure, vms, users, groups, devices);
    }

    void populate(FakeAzure azure, int vms, int users, int groups, int devices) {
        String[] subs = {"be000000-0000-4000-8000-000000000001", "be000000-0000-4000-8000-000000000002"};
        for (String s : subs) {
            azure.subscription(s);
        }
        for (int i = 0; i < vms; i++) {
            String sub = subs[i % 2];
            String vm = String.format("vm-%06d", i);
            azure.add(FakeResources.virtualMachine(sub, "rg", vm, null));
            azure.add(FakeResources.networkInterface(sub, "rg", vm + "-nic", vm, "10.0.0.4", i % 3 == 0 ? vm + "-ip" : null));
            if (i % 3 == 0) {
                azure.add(FakeResources.publicIp(sub, "rg", vm + "-ip", "20.0.0.1", vm + "-nic"));
            }
            for (int a = 0; a < 4; a++) {
                // an assessment's name is its recommendation's GUID, as in Defender (one of 40 recommendations here)
                String key = java.util.UUID.nameUUIDFromBytes(("recommendation-" + (i * 4 + a) % 40)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                azure.add(FakeResources.assessment(FakeResources.vmId(sub, "rg", vm), key, a % 2 == 0 ? "Unhealthy" : "Healthy",
                        "Medium", "Id", "Valid Accounts"));
            }
            // the coverage streams, in proportion: a vulnerability for every other VM; per 10 VMs an alert, a storage account
            // and a role assignment (the whole inventory, azure-resources, re-reads every VM, NIC, IP and storage account)
            String vmId = FakeResources.vmId(sub, "rg", vm);
            if (i % 2 == 0) {
                azure.add(FakeResources.vulnerability(vmId, "va", "v-" + i, "9" + i, "High", i % 20 == 0 ? 9.8 : 7.5, true, "CVE-2026-" + (i % 9000 + 1000)));
            }
            if (i % 10 == 0) {
                azure.add(FakeResources.alert(vmId, "alert-" + i, "High", i % 20 == 0 ? "Active" : "Resolved", "T1110"));
                azure.add(FakeResources.storageAccount(sub, "rg", "st" + i, i % 20 == 0));
                azure.add(FakeResources.roleAssignment(sub, vmId, "ra-" + i, "acdd72a7-3385-48ef-bd42-f606fba81ae7",
                        String.format("00000000-0000-4000-a000-%012d", i % Math.max(users, 1)), "User"));
            }
        }
        for (String s : subs) {
            azure.add(FakeResources.roleDefinition(s, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader"));
            azure.add(FakeResources.secureScore(s, 31, 58));
        }
        FakeGraph graph = azure.graph();
        for (int i = 0; i < users; i++) {
            graph.put("users", FakeGraph.user(String.format("00000000-0000-4000-a000-%012d", i), "u" + i + "@contoso.example", "User " + i, true));
        }
        for (int g = 0; g < groups; g++) {
            String gid = String.format("00000000-0000-4000-b000-%012d", g);
            graph.put("groups", FakeGraph.group(gid, "Group " + g));
            for (int m = 0; m < 5; m++) {
                graph.addMember(gid, String.format("00000000-0000-4000-a000-%012d", (g * 5 + m) % Math.max(users, 1)), "user");
            }
        }
        // service principals and applications: one of each per 10 users, a secret each
        for (int a = 0; a < users / 10; a++) {
            String appId = String.format("00000000-0000-4000-e000-%012d", a);
            graph.put("servicePrincipals", FakeGraph.servicePrincipal(String.format("00000000-0000-4000-f000-%012d", a), appId, "app-" + a,
                    java.time.Instant.parse("2027-06-01T00:00:00Z")));
            graph.put("applications", FakeGraph.application(String.format("00000000-0000-4000-9000-%012d", a), appId, "app-" + a,
                    java.time.Instant.parse("2027-06-01T00:00:00Z")));
        }
        for (int d = 0; d < devices; d++) {
            graph.put("devices", FakeGraph.device(String.format("00000000-0000-4000-c000-%012d", d),
                    String.format("00000000-0000-4000-d000-%012d", d), "pc-" + d, true));
        }
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

}
