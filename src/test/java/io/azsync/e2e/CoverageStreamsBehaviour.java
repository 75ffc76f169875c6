package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.TestDatabase;

/**
 * The coverage streams — whole inventory, RBAC, alerts, vulnerabilities, secure scores — through the
 * simulator into a real database, with the guarantees of every stream: rows as sent, nothing marked
 * deleted that still exists, and what vanished marked on the next run. Subclasses pick the database.
 */
abstract class CoverageStreamsBehaviour {

    static final String SUB = "c0fe0000-0000-4000-8000-000000000016";
    static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    static final List<String> STREAMS = List.of("azure-resources", "azure-role-assignments", "azure-role-definitions", "defender-alerts",
            "defender-sub-assessments", "defender-secure-scores");

    FakeAzure azure;
    TestDatabase db;
    String vm;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        db = database();
        azure.add(FakeResources.virtualMachine(SUB, "rg", "web-01", null));
        vm = FakeResources.vmId(SUB, "rg", "web-01");
        azure.add(FakeResources.storageAccount(SUB, "rg", "publicblobs", true));
        azure.add(FakeResources.storageAccount(SUB, "rg", "privateblobs", false));
        azure.add(FakeResources.keyVault(SUB, "rg", "kv-open", true));
        azure.add(FakeResources.roleDefinition(SUB, OWNER, "Owner"));
        azure.add(FakeResources.roleDefinition(SUB, READER, "Reader"));
        azure.add(FakeResources.roleAssignment(SUB, "/subscriptions/" + SUB, "ra-owner", OWNER, "11111111-0000-4000-8000-000000000001", "User"));
        azure.add(FakeResources.roleAssignment(SUB, vm, "ra-reader", READER, "22222222-0000-4000-8000-000000000002", "ServicePrincipal"));
        azure.add(FakeResources.alert(vm, "alert-1", "High", "Active", "T1059"));
        azure.add(FakeResources.alert(vm, "alert-2", "Low", "Resolved"));
        azure.add(FakeResources.vulnerability(vm, "va-key", "sub-1", "91001", "High", 7.5, true, "CVE-2026-0001", "CVE-2026-0002"));
        azure.add(FakeResources.secureScore(SUB, 30.5, 50));
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    CliRun sync() {
        List<String> args = new ArrayList<>(List.of("sync"));
        STREAMS.forEach(s -> {
            args.add("--stream");
            args.add(s);
        });
        return CliRun.run(io.azsync.testing.ProjectFiles.env(azure, db), args.toArray(String[]::new));
    }

    @Test
    void everyCoverageStreamLoadsItsTableAndMarksOnlyWhatVanished() {
        CliRun first = sync();
        assertEquals(0, first.exitCode(), first.toString());

        assertEquals(4, db.count("SELECT COUNT(*) FROM azure_resources WHERE deleted_at IS NULL"),
                "every type of the resources table: the VM, two storage accounts and a key vault");
        assertEquals("microsoft.storage/storageaccounts",
                db.single("SELECT type FROM azure_resources WHERE name = 'publicblobs'").get("type"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM azure_role_definitions"));
        Map<String, Object> reader = db.single("SELECT principal_type, role_definition_name, scope FROM azure_role_assignments "
                + "WHERE name = 'ra-reader'");
        assertEquals("ServicePrincipal", reader.get("principal_type"));
        assertEquals(READER, reader.get("role_definition_name"));
        assertEquals(vm.toLowerCase(), reader.get("scope"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM defender_alerts"));
        assertEquals(vm.toLowerCase(), db.single("SELECT resource_id FROM defender_alerts WHERE name = 'alert-1'").get("resource_id"));
        Map<String, Object> vuln = db.single("SELECT vulnerability_id, cve_ids, resource_id FROM defender_sub_assessments");
        assertEquals("91001", vuln.get("vulnerability_id"));
        assertTrue(String.valueOf(vuln.get("cve_ids")).contains("CVE-2026-0002"), String.valueOf(vuln.get("cve_ids")));
        assertEquals(vm.toLowerCase(), vuln.get("resource_id"));
        assertEquals(30.5, ((Number) db.single("SELECT current_score FROM defender_secure_scores").get("current_score")).doubleValue());

        azure.remove(FakeResources.alert(vm, "alert-2", "Low", "Resolved").path("id").asText());
        azure.remove("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments/ra-owner");
        azure.remove(FakeResources.storageAccount(SUB, "rg", "privateblobs", false).path("id").asText());
        CliRun second = sync();
        assertEquals(0, second.exitCode(), second.toString());
        assertNotNull(db.single("SELECT deleted_at FROM defender_alerts WHERE name = 'alert-2'").get("deleted_at"));
        assertNull(db.single("SELECT deleted_at FROM defender_alerts WHERE name = 'alert-1'").get("deleted_at"));
        assertNotNull(db.single("SELECT deleted_at FROM azure_role_assignments WHERE name = 'ra-owner'").get("deleted_at"));
        assertNull(db.single("SELECT deleted_at FROM azure_role_assignments WHERE name = 'ra-reader'").get("deleted_at"));
        assertNotNull(db.single("SELECT deleted_at FROM azure_resources WHERE name = 'privateblobs'").get("deleted_at"));
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_resources WHERE deleted_at IS NULL"), "nothing else is marked");
        assertEquals(0L, ((Number) db.single("SELECT SUM(records_written) AS w FROM sync_runs WHERE run_id > 6").get("w")).longValue(),
                "the unchanged rows are not written again");
    }

    @Test
    void theViewsAnswerWhoCanDoWhatWhichCredentialsExpireWhatIsExposedAndWhichFindingsAreNew() {
        // a VM reachable from the internet, with a critical vulnerability
        azure.add(FakeResources.networkInterface(SUB, "rg", "web-nic", "web-01", "10.0.0.4", "web-ip"));
        azure.add(FakeResources.publicIp(SUB, "rg", "web-ip", "20.1.2.3", "web-nic"));
        azure.add(FakeResources.vulnerability(vm, "va-key", "sub-2", "91002", "High", 9.8, false, "CVE-2026-9999"));
        // a guest with Owner on the subscription; a service principal whose secret expires in 10 days, Contributor on the VM
        String guest = "33333333-0000-4000-8000-000000000003";
        String sp = "44444444-0000-4000-8000-000000000004";
        String contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
        azure.graph().put("users", io.azsync.demo.FakeGraph.user(guest, "eve_example.com#EXT#@contoso.onmicrosoft.com", "Eve (guest)", true));
        azure.graph().put("servicePrincipals", io.azsync.demo.FakeGraph.servicePrincipal(sp, "55555555-0000-4000-8000-000000000005",
                "deploy-bot", java.time.Instant.now().plus(java.time.Duration.ofDays(10))));
        azure.graph().put("applications", io.azsync.demo.FakeGraph.application("66666666-0000-4000-8000-000000000006",
                "55555555-0000-4000-8000-000000000005", "deploy-bot", java.time.Instant.now().minus(java.time.Duration.ofDays(3))));
        azure.add(FakeResources.roleDefinition(SUB, contributor, "Contributor"));
        azure.add(FakeResources.roleAssignment(SUB, "/subscriptions/" + SUB, "ra-guest", OWNER, guest, "User"));
        azure.add(FakeResources.roleAssignment(SUB, vm, "ra-bot", contributor, sp, "ServicePrincipal"));

        List<String> args = new ArrayList<>(List.of("sync"));
        List.of("azure-virtual-machines", "azure-network-interfaces", "azure-public-ip-addresses", "azure-network-security-groups",
                "entra-users", "entra-groups", "entra-service-principals", "entra-applications").forEach(x -> {
                    args.add("--stream");
                    args.add(x);
                });
        STREAMS.forEach(x -> {
            args.add("--stream");
            args.add(x);
        });
        CliRun run = CliRun.run(io.azsync.testing.ProjectFiles.env(azure, db), args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());

        Map<String, Object> owner = db.single("SELECT principal_name, principal_is_guest, role_name, scope_level FROM azure_access "
                + "WHERE principal_id = '" + guest + "'");
        assertEquals("Owner", owner.get("role_name"));
        assertEquals("subscription", owner.get("scope_level"));
        assertEquals(1, ((Number) owner.get("principal_is_guest")).intValue());
        assertEquals("resource", db.single("SELECT scope_level FROM azure_access WHERE principal_id = '" + sp + "'").get("scope_level"));
        assertEquals("deploy-bot", db.single("SELECT principal_name FROM azure_access WHERE principal_id = '" + sp + "'").get("principal_name"));

        assertEquals(3, db.count("SELECT COUNT(*) FROM entra_expiring_credentials"), "the SP's secret, the app's secret and certificate");
        Map<String, Object> soon = db.single("SELECT days_to_expiry, expired FROM entra_expiring_credentials WHERE owner_type = 'service principal'");
        assertTrue(((Number) soon.get("days_to_expiry")).intValue() >= 9 && ((Number) soon.get("days_to_expiry")).intValue() <= 10, soon.toString());
        assertEquals(0, ((Number) soon.get("expired")).intValue());
        assertEquals(1, db.count("SELECT COUNT(*) FROM entra_expiring_credentials WHERE owner_type = 'application' AND expired = 1"));
        String stored = db.query("SELECT password_credentials FROM entra_service_principals").toString();
        assertTrue(stored.contains("endDateTime") && !stored.contains("Qx7") && !stored.contains("secretText"),
                "key ids and dates only, never the hint or the secret: " + stored);

        List<Object> risks = db.query("SELECT risk FROM privileged_access_risks ORDER BY risk").stream().map(r -> r.get("risk")).toList();
        assertEquals(List.of("expiring credential", "guest"), risks);

        List<Object> exposed = db.query("SELECT name FROM exposed_data_stores ORDER BY name").stream().map(r -> r.get("name")).toList();
        assertEquals(List.of("kv-open", "publicblobs"), exposed, "privateblobs denies public network access");

        Map<String, Object> critical = db.single("SELECT asset_name, vulnerability_id, ip_address, cve_ids FROM exposed_critical_vulnerabilities");
        assertEquals("web-01", critical.get("asset_name"));
        assertEquals("91002", critical.get("vulnerability_id"));
        assertEquals("20.1.2.3", critical.get("ip_address"));
        assertTrue(String.valueOf(critical.get("cve_ids")).contains("CVE-2026-9999"));

        assertEquals(2, db.count("SELECT COUNT(*) FROM findings WHERE finding_type = 'vulnerability'"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM findings WHERE finding_type = 'alert'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM findings WHERE finding_type = 'alert' AND finding_status = 'open' AND finding_severity = 4"),
                "the Active High alert is open, scored by the score map and linked to its VM");
        assertEquals(1, db.count("SELECT COUNT(*) FROM findings WHERE finding_type = 'alert' AND finding_status = 'open' AND asset_uid IS NOT NULL"));
    }
}
