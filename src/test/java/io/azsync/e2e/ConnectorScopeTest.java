package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

/** A connector's subscription scope: management groups, disabled subscriptions, new subscriptions, two connectors side by side. */
class ConnectorScopeTest {

    static final String PROD1 = "a1a1a1a1-0000-4000-8000-000000000001";
    static final String DEV = "a1a1a1a1-0000-4000-8000-000000000002";
    static final String OFF = "a1a1a1a1-0000-4000-8000-000000000003";
    static final String PROD2 = "a1a1a1a1-0000-4000-8000-000000000004";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure();
        azure.subscription(PROD1, "Enabled", "prod", "root").subscription(DEV, "Enabled", "dev", "root")
                .subscription(OFF, "Disabled", "prod", "root");
        for (String sub : new String[] {PROD1, DEV, OFF}) {
            azure.add(FakeResources.virtualMachine(sub, "rg", "vm-" + sub.substring(sub.length() - 1), null));
        }
        db = TestDatabase.sqlite(dir);
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Map<String, String> env(String connectors) throws Exception {
        Path file = dir.resolve("connectors.yaml");
        Files.writeString(file, connectors.formatted(FakeAzure.TENANT, FakeAzure.CLIENT_ID));
        Map<String, String> env = new LinkedHashMap<>(azure.env());
        env.put("AZSYNC_CONNECTORS_FILE", file.toString());
        env.put("TENANT_SECRET", FakeAzure.CLIENT_SECRET);
        env.putAll(db.env());
        return env;
    }

    /** A connector scoped by the management group prod. */
    static final String PROD_BY_MANAGEMENT_GROUP = """
                connectors:
                  - name: prod
                    tenant-id: %s
                    client-id: %s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines]
                    management-groups: { include: [prod] }
                """;

    List<Object> vmSubscriptions(String connector) {
        return db.query("SELECT subscription_id FROM azure_virtual_machines WHERE connector = ? AND deleted_at IS NULL ORDER BY 1", connector)
                .stream().map(r -> r.get("subscription_id")).toList();
    }

    @Test
    void managementGroupsAndDisabledSubscriptionsShapeTheScope() throws Exception {
        Map<String, String> env = env(PROD_BY_MANAGEMENT_GROUP);
        CliRun run = CliRun.run(env, "sync");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of(PROD1), vmSubscriptions("prod"), "dev is outside the group, the disabled one is left out");
        var request = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("virtualmachines")).findFirst().orElseThrow();
        assertEquals(1, request.json().path("subscriptions").size());
    }

    @Test
    void whenResourceGraphCoversOnlyTheFirstSubscriptionsAtTenantScopeTheManagementGroupsAreReadInBatches() throws Exception {
        azure.tenantSubscriptionLimit(1);
        Map<String, String> env = env(PROD_BY_MANAGEMENT_GROUP);
        CliRun run = CliRun.run(env, "sync");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of(PROD1), vmSubscriptions("prod"), "the same scope as without the limit");
        List<FakeAzure.Request> chains = azure.requests(FakeAzure.RESOURCE_GRAPH).stream()
                .filter(r -> r.body().contains("microsoft.resources/subscriptions")).toList();
        assertEquals(0, chains.get(0).json().path("subscriptions").size(), "first at tenant scope");
        assertTrue(chains.get(1).json().path("subscriptions").size() > 1, "then in an explicit batch");
    }

    @Test
    void withAutoIncludeOffANewSubscriptionWaitsAndNothingOutsideTheScopeIsDeleted() throws Exception {
        Map<String, String> env = env("""
                connectors:
                  - name: fixed
                    tenant-id: %s
                    client-id: %s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-subscriptions, azure-virtual-machines]
                    subscriptions: { auto-include-new-subscriptions: false }
                """);
        assertEquals(0, CliRun.run(env, "sync").exitCode());
        assertEquals(List.of(PROD1, DEV), vmSubscriptions("fixed"));

        azure.subscription(PROD2, "Enabled", "prod", "root");
        azure.add(FakeResources.virtualMachine(PROD2, "rg", "vm-new", null));
        assertEquals(0, CliRun.run(env, "sync").exitCode());

        assertEquals(List.of(PROD1, DEV), vmSubscriptions("fixed"), "the new subscription is not synced");
    }

    @Test
    void twoConnectorsShareTheTablesAndDeleteOnlyTheirOwnRows() throws Exception {
        Map<String, String> env = env("""
                connectors:
                  - name: alpha
                    tenant-id: %1$s
                    client-id: %2$s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines]
                    subscriptions: { include: [a1a1a1a1-0000-4000-8000-000000000001] }
                  - name: beta
                    tenant-id: %1$s
                    client-id: %2$s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines]
                    subscriptions: { include: [a1a1a1a1-0000-4000-8000-000000000002] }
                """);
        CliRun run = CliRun.run(env, "sync");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("(connector alpha)") && run.out().contains("(connector beta)"), run.out());
        assertEquals(List.of(PROD1), vmSubscriptions("alpha"));
        assertEquals(List.of(DEV), vmSubscriptions("beta"));

        assertEquals(0, CliRun.run(env, "sync", "--connector", "alpha").exitCode());
        assertEquals(List.of(DEV), vmSubscriptions("beta"), "alpha's run marks nothing of beta's deleted");
        assertEquals(2, db.count("SELECT COUNT(*) FROM sync_runs WHERE connector = 'alpha'"));
    }

    /**
     * A subscription handed from one connector to another: its unchanged rows become the new connector's (so they are
     * rewritten once, not skipped as unchanged), and a VM deleted there afterwards is marked deleted by it.
     */
    @Test
    void aSubscriptionHandedToAnotherConnectorIsThatConnectorsToMarkDeletedOnSqlite() throws Exception {
        handOver(db);
    }

    @Test
    void aSubscriptionHandedToAnotherConnectorIsThatConnectorsToMarkDeletedOnPostgresql() throws Exception {
        try (TestDatabase pg = TestDatabase.postgres()) {
            handOver(pg);
        }
    }

    void handOver(TestDatabase target) throws Exception {
        db = target == db ? db : swap(target);
        Map<String, String> both = env("""
                connectors:
                  - name: alpha
                    tenant-id: %1$s
                    client-id: %2$s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines]
                    subscriptions: { include: [a1a1a1a1-0000-4000-8000-000000000001, a1a1a1a1-0000-4000-8000-000000000002] }
                """);
        assertEquals(0, CliRun.run(both, "sync").exitCode());
        assertEquals(List.of(PROD1, DEV), vmSubscriptions("alpha"));

        Map<String, String> split = env("""
                connectors:
                  - name: alpha
                    tenant-id: %1$s
                    client-id: %2$s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines]
                    subscriptions: { include: [a1a1a1a1-0000-4000-8000-000000000001] }
                  - name: beta
                    tenant-id: %1$s
                    client-id: %2$s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines]
                    subscriptions: { include: [a1a1a1a1-0000-4000-8000-000000000002] }
                """);
        CliRun handed = CliRun.run(split, "sync");
        assertEquals(0, handed.exitCode(), handed.toString());
        assertEquals(List.of(PROD1), vmSubscriptions("alpha"));
        assertEquals(List.of(DEV), vmSubscriptions("beta"), "the unchanged VM of the handed subscription is now beta's");

        azure.remove(FakeResources.vmId(DEV, "rg", "vm-2"));
        CliRun after = CliRun.run(split, "sync");

        assertEquals(0, after.exitCode(), after.toString());
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE subscription_id = ? AND deleted_at IS NOT NULL", DEV),
                "the VM deleted in beta's subscription is marked deleted");
        assertEquals(List.of(PROD1), vmSubscriptions("alpha"));
    }

    private TestDatabase swap(TestDatabase other) {
        db.close();
        return other;
    }

    @Test
    void aSubscriptionThatBecomesDisabledKeepsItsRowWithItsStateAndItsResources() throws Exception {
        Map<String, String> env = env("""
                connectors:
                  - name: all
                    tenant-id: %s
                    client-id: %s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-subscriptions, azure-virtual-machines]
                """);
        azure.clearResources();
        azure.subscription(PROD1, "Enabled").subscription(DEV, "Enabled");
        azure.add(FakeResources.virtualMachine(PROD1, "rg", "vm-1", null)).add(FakeResources.virtualMachine(DEV, "rg", "vm-2", null));
        assertEquals(0, CliRun.run(env, "sync").exitCode());

        azure.clearResources();
        azure.subscription(PROD1, "Enabled").subscription(DEV, "Disabled");
        azure.add(FakeResources.virtualMachine(PROD1, "rg", "vm-1", null)).add(FakeResources.virtualMachine(DEV, "rg", "vm-2", null));
        CliRun run = CliRun.run(env, "sync");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("Disabled", db.single("SELECT state FROM azure_subscriptions WHERE subscription_id = ? AND deleted_at IS NULL", DEV)
                .get("state"), "every subscription the principal sees keeps its row, with its state");
        assertEquals(List.of(PROD1, DEV), vmSubscriptions("all"), "the disabled subscription's resources are kept, not marked deleted");
        var vmQuery = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("virtualmachines"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(1, vmQuery.json().path("subscriptions").size(), "only its resources leave the scope");
    }

    @Test
    void anUnreadableListOfKnownSubscriptionsFailsTheSyncClosedMarkingNothingDeleted() throws Exception {
        Map<String, String> env = env("""
                connectors:
                  - name: all
                    tenant-id: %s
                    client-id: %s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines]
                """);
        assertEquals(0, CliRun.run(env, "sync").exitCode());
        azure.remove(FakeResources.vmId(DEV, "rg", "vm-2"));
        // the lost-access guard cannot read what the connector synced before
        db.execute("DROP TABLE azure_subscriptions");
        db.execute("CREATE TABLE azure_subscriptions (id TEXT PRIMARY KEY, connector TEXT, deleted_at TEXT)");
        // ... and without the azure-subscriptions stream, nothing puts the table right again
        Map<String, String> noSubscriptionsMap = new LinkedHashMap<>(env);
        noSubscriptionsMap.putAll(io.azsync.testing.ProjectFiles.copyTo(dir.resolve("copy")));
        Files.delete(dir.resolve("copy/transform-maps/azure-subscriptions.yaml"));
        Path streams = dir.resolve("copy/routes/azure-streams.camel.yaml");
        String withoutSubscriptions = Files.readString(streams).replaceAll("(?s)\n# Subscriptions[^\n]*\n- templatedRoute:.*?value: inventory\n", "\n");
        assertTrue(!withoutSubscriptions.contains("azure-subscriptions"), withoutSubscriptions);
        Files.writeString(streams, withoutSubscriptions);

        CliRun run = CliRun.run(noSubscriptionsMap, "sync");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("cannot read azure_subscriptions"), run.out());
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"), "fail closed");
        assertTrue(String.valueOf(db.single("SELECT error FROM sync_runs ORDER BY run_id DESC LIMIT 1").get("error"))
                .contains("nothing is marked deleted"));
    }

    @Test
    void twoConnectorsOfOneTenantThatCouldReadTheSameRowsAreRefusedByValidateAndAtStart() throws Exception {
        Map<String, String> env = env("""
                connectors:
                  - name: alpha
                    tenant-id: %1$s
                    client-id: %2$s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines, entra-users]
                    subscriptions: { include: [a1a1a1a1-0000-4000-8000-000000000001, a1a1a1a1-0000-4000-8000-000000000002] }
                  - name: beta
                    tenant-id: %1$s
                    client-id: %2$s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-virtual-machines, entra-users]
                    subscriptions: { include: [a1a1a1a1-0000-4000-8000-000000000002] }
                """);

        CliRun validate = CliRun.run(env, "validate");
        CliRun sync = CliRun.run(env, "sync");

        for (CliRun run : List.of(validate, sync)) {
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.all().contains("connectors alpha and beta both read tenant " + FakeAzure.TENANT), run.all());
            assertTrue(run.all().contains("subscriptions a1a1a1a1-0000-4000-8000-000000000002"), run.all());
            assertTrue(run.all().contains("tenant-wide streams entra-users"), run.all());
        }
        assertTrue(azure.requests(FakeAzure.RESOURCE_GRAPH).isEmpty(), "nothing ran");
    }

    @Test
    void aScopeWithNoReadableSubscriptionLeftMarksNothingDeleted() throws Exception {
        Map<String, String> env = env("""
                connectors:
                  - name: all
                    tenant-id: %s
                    client-id: %s
                    credential: { client-secret-env: TENANT_SECRET }
                    streams: [azure-subscriptions]
                """);
        azure.clearResources();
        azure.subscription(PROD1, "Enabled").subscription(DEV, "Enabled");
        assertEquals(0, CliRun.run(env, "sync").exitCode());

        azure.clearResources();
        azure.subscription(PROD1, "Disabled").subscription(DEV, "Enabled");
        azure.forbid(DEV);   // access lost: not listed any more
        CliRun run = CliRun.run(env, "sync");

        assertEquals(3, run.exitCode(), "partial: " + run);
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_subscriptions WHERE deleted_at IS NOT NULL"),
                "the subscription whose access was lost keeps its row, so the guard still knows it next time");
    }
}
