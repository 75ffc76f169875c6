package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.CliRun;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeGraph;
import io.azsync.demo.FakeResources;
import io.azsync.testing.TestDatabase;

/**
 * Defender findings and the unified assets model end to end: Resource Graph and Graph (fake, HTTPS)
 * through the real routes into a real database, read back through the views.
 */
abstract class AssetsAndFindingsBehaviour {

    static final String SUB = "5ab0c7e1-0000-4000-8000-000000000001";
    static final String RG = "rg-prod";
    static final String[] STREAMS = {"azure-virtual-machines", "azure-network-interfaces", "azure-public-ip-addresses",
            "azure-network-security-groups", "entra-devices", "defender-assessments"};

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    String vm1;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        db = database();
        var vm = FakeResources.virtualMachine(SUB, RG, "vm1", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) vm.get("tags")).put("environment", "prod");
        azure.add(vm);
        vm1 = FakeResources.vmId(SUB, RG, "vm1").toLowerCase();
        azure.add(FakeResources.networkInterfaceTwoConfigs(SUB, RG, "vm1-nic", "vm1", "10.0.0.4", "10.0.0.5", "vm1-ip", "vm1-nsg"));
        azure.add(FakeResources.publicIp(SUB, RG, "vm1-ip", "20.1.2.3", null));
        azure.publicIpOnConfig(FakeResources.publicIpId(SUB, RG, "vm1-ip"), FakeResources.nicId(SUB, RG, "vm1-nic") + "/ipConfigurations/ipconfig2");
        azure.add(FakeResources.networkSecurityGroup(SUB, RG, "vm1-nsg", "allow-rdp", "3389"));
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Map<String, String> env() {
        return io.azsync.testing.ProjectFiles.env(azure, db);
    }

    CliRun sync() {
        return sync(env());
    }

    CliRun sync(Map<String, String> env) {
        String[] args = new String[1 + STREAMS.length * 2];
        args[0] = "sync";
        for (int i = 0; i < STREAMS.length; i++) {
            args[1 + 2 * i] = "--stream";
            args[2 + 2 * i] = STREAMS[i];
        }
        return CliRun.run(env, args);
    }

    static long n(Object value) {
        return ((Number) value).longValue();
    }

    @Test
    void assessmentsArriveInOnePagedQueryDedupedAcrossPagesWhateverTheirCasing() {
        String[] casings = {"Id", "id", "ResourceId"};
        for (int i = 0; i < 1000; i++) {
            String resource = FakeResources.vmId(SUB, RG, String.format("other-%04d", i));
            azure.add(FakeResources.assessment(resource, "a" + i, "Unhealthy", "Low", casings[i % 3]));
        }
        // the last record of page 1 comes again as the first of page 2
        String lastId = FakeResources.vmId(SUB, RG, "other-0999");
        azure.add(FakeResources.assessment(lastId, "a999", "Unhealthy", "Low", "id"));

        CliRun run = CliRun.run(env(), "sync", "--stream", "defender-assessments");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1000, db.count("SELECT COUNT(*) FROM defender_assessments"));
        Map<String, Object> ledger = db.single("SELECT * FROM sync_runs WHERE stream = 'defender-assessments'");
        assertEquals(1001L, n(ledger.get("records_read")));
        // the stream reads its query through up to 4 id partitions at once (routes/azure-streams.camel.yaml), sized by one
        // counting query, and no more than its 1,001 rows fill pages of 1,000: two, a page each
        assertEquals(2L, n(ledger.get("pages")));
        assertEquals(3, azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("microsoft.security/assessments")
                && !r.json().path("options").has("$skipToken")).count(), "one counting query and one query per partition, paged, "
                + "not one per resource");
        for (int i = 0; i < 3; i++) {
            assertEquals(FakeResources.vmId(SUB, RG, String.format("other-%04d", i)).toLowerCase(),
                    db.single("SELECT resource_id FROM defender_assessments WHERE assessment_key = ?", "a" + i).get("resource_id"),
                    "resourceDetails." + casings[i]);
        }
    }

    @Test
    void assetsJoinVmNicPublicIpAndEntraDeviceAndCarryTheirFindings() {
        azure.add(FakeResources.assessment(vm1, "medium-open", "Unhealthy", "Medium", "Id", "Valid Accounts", "Brute Force", "Unknown Technique"));
        azure.add(FakeResources.assessment(vm1, "odd-open", "Unhealthy", "Weird", "Id"));
        azure.add(FakeResources.assessment(vm1, "high-fixed", "Healthy", "High", "Id"));
        azure.add(FakeResources.assessment(vm1, "low-na", "NotApplicable", "Low", "Id"));
        var joined = FakeGraph.device("d0000000-0000-4000-8000-000000000001", "e1", "VM1-AAD", true);
        joined.putArray("physicalIds").add("[AzureResourceId]:" + FakeResources.vmId(SUB, RG, "vm1")).add("[GID]:g1");
        azure.graph().put("devices", joined);
        azure.graph().put("devices", FakeGraph.device("d0000000-0000-4000-8000-000000000002", "e2", "laptop-7", true));

        CliRun run = sync();
        assertEquals(0, run.exitCode(), run.toString());

        Map<String, Object> asset = db.single("SELECT * FROM assets WHERE asset_uid = ?", "azure:" + vm1);
        assertEquals("00-0D-3A-AA-BB-CC", asset.get("mac_address"));
        assertEquals("10.0.0.4", asset.get("private_ip_address"));
        assertEquals("20.1.2.3", asset.get("ip_address"), "the public IP of the second ip configuration");
        assertEquals("vm1-ip.westeurope.cloudapp.azure.com", asset.get("fqdn"));
        assertEquals("0001-com-ubuntu-server-jammy", asset.get("operating_system_name"));
        assertEquals("22.04.202411010", asset.get("operating_system_version"));
        assertEquals("vm1", asset.get("hostname"));
        assertEquals("azure,entra", asset.get("sources"));
        assertEquals("d0000000-0000-4000-8000-000000000001", asset.get("entra_device_id"));
        assertEquals("azure-resource-id", asset.get("identified_by"));
        assertEquals(2L, n(asset.get("open_findings")));
        assertEquals(3L, n(asset.get("max_finding_severity")));
        assertEquals(1L, n(asset.get("management_port_open")));
        assertEquals(72L, n(asset.get("risk_score")), "50 (Medium open) + 2 (one more open) + 20 (RDP open to the internet)");
        Map<String, Object> laptop = db.single("SELECT * FROM assets WHERE asset_uid = ?", "entra:d0000000-0000-4000-8000-000000000002");
        assertEquals("entra", laptop.get("sources"));
        assertEquals(1L, n(laptop.get("is_active")));
        assertEquals(2, db.count("SELECT COUNT(*) FROM assets"), "the joined device is not an asset of its own");

        Map<String, Object> medium = finding("medium-open");
        assertEquals(3L, n(medium.get("finding_severity")));
        assertEquals(50L, n(medium.get("finding_score")));
        assertEquals("open", medium.get("finding_status"));
        assertEquals("FAIL", medium.get("status_code"));
        assertEquals("azure:" + vm1, medium.get("asset_uid"));
        assertTrue(String.valueOf(medium.get("mitre_technique_ids")).contains("T1078"), medium.toString());
        assertTrue(String.valueOf(medium.get("mitre_technique_ids")).contains("T1110"), medium.toString());
        assertTrue(String.valueOf(medium.get("policy_finding_url")).contains("assessmentKey/medium-open"));
        Map<String, Object> odd = finding("odd-open");
        assertEquals(1L, n(odd.get("finding_severity")), "a value no row lists gets the default severity");
        assertEquals(10L, n(odd.get("finding_score")));
        Map<String, Object> high = finding("high-fixed");
        assertEquals(4L, n(high.get("finding_severity")));
        assertEquals(80L, n(high.get("finding_score")));
        assertEquals("resolved", high.get("finding_status"));
        assertEquals("PASS", high.get("status_code"));
        assertNotNull(high.get("resolved_at"));
        assertEquals("not_applicable", finding("low-na").get("finding_status"));
        assertEquals("PASS", finding("low-na").get("status_code"));

        List<Object> tags = db.query("SELECT tag FROM asset_tags WHERE asset_uid = ? ORDER BY tag", "azure:" + vm1).stream()
                .map(r -> r.get("tag")).toList();
        assertEquals(List.of("Azure", "env:prod", "location:westeurope"), tags);
    }

    @Test
    void aFindingResolvesAndReopensAcrossRunsAndFollowsItsVmIntoDeletion() {
        azure.add(FakeResources.assessment(vm1, "flip", "Unhealthy", "High", "Id"));
        assertEquals(0, sync().exitCode());
        assertEquals("open", finding("flip").get("finding_status"));

        String id = FakeResources.vmId(SUB, RG, "vm1") + "/providers/Microsoft.Security/assessments/flip";
        azure.remove(id).add(withStatus(FakeResources.assessment(vm1, "flip", "Healthy", "High", "Id"), "2026-03-01T00:00:00Z"));
        assertEquals(0, sync().exitCode());
        Map<String, Object> resolved = finding("flip");
        assertEquals("resolved", resolved.get("finding_status"));
        assertTrue(String.valueOf(resolved.get("resolved_at")).startsWith("2026-03-01"), resolved.toString());
        assertEquals(0L, n(db.single("SELECT open_findings FROM assets WHERE asset_uid = ?", "azure:" + vm1).get("open_findings")));

        azure.remove(id).add(withStatus(FakeResources.assessment(vm1, "flip", "Unhealthy", "High", "Id"), "2026-04-01T00:00:00Z"));
        assertEquals(0, sync().exitCode());
        Map<String, Object> reopened = finding("flip");
        assertEquals("open", reopened.get("finding_status"));
        assertNull(reopened.get("resolved_at"));

        azure.remove(FakeResources.vmId(SUB, RG, "vm1"));
        assertEquals(0, sync().exitCode());
        assertNotNull(finding("flip").get("deleted_at"), "a finding of a deleted VM is marked deleted, not dropped");
        assertNotNull(db.single("SELECT deleted_at FROM assets WHERE asset_uid = ?", "azure:" + vm1).get("deleted_at"));
        assertEquals(0L, n(db.single("SELECT is_active FROM assets WHERE asset_uid = ?", "azure:" + vm1).get("is_active")));
    }

    @Test
    void identificationRulesDecideWhoIsWhoAndUnknownDevicesCanBeExcluded() throws IOException {
        Path model = copyModel();
        Files.writeString(model.resolve("identification.yaml"), """
                rules:
                  - { rule: azure-resource-id, enabled: false }
                  - { rule: hostname, enabled: true }
                exclude-unknown-assets: true
                """);
        azure.graph().put("devices", FakeGraph.device("d0000000-0000-4000-8000-000000000003", "e3", "VM1", true));
        azure.graph().put("devices", FakeGraph.device("d0000000-0000-4000-8000-000000000004", "e4", "unknown-box", true));
        Map<String, String> env = env();
        env.put("AZSYNC_MODEL_DIR", model.toString());

        assertEquals(0, sync(env).exitCode());

        Map<String, Object> asset = db.single("SELECT * FROM assets WHERE asset_uid = ?", "azure:" + vm1);
        assertEquals("d0000000-0000-4000-8000-000000000003", asset.get("entra_device_id"));
        assertEquals("hostname", asset.get("identified_by"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM assets"), "exclude-unknown-assets keeps the unmatched device out");
        assertEquals(2, db.count("SELECT COUNT(*) FROM entra_devices"), "and it is still stored");
    }

    @Test
    void anInvalidScoreMapIsReportedWithFileAndLineAndNothingRuns() throws IOException {
        Path model = copyModel();
        Files.writeString(model.resolve("scoring.yaml"), """
                levels:
                  - { severity: 1, score: 10, values: [Informational] }
                  - { severity: 2, score: 30, values: [Low] }
                  - { severity: 3, score: 120, values: [Medium] }
                  - { severity: 3, score: 50, values: [Moderate] }
                  - { severity: 5, score: 95, values: [Critical] }
                default-severity: 1
                """);
        Map<String, String> env = env();
        env.put("AZSYNC_MODEL_DIR", model.toString());

        CliRun run = sync(env);

        assertEquals(2, run.exitCode(), run.toString());
        String file = model.resolve("scoring.yaml").toString();
        assertTrue(run.err().contains(file + ":4: score 120 is out of range 0-100"), run.err());
        assertTrue(run.err().contains(file + ":5: severity 3 has two rows"), run.err());
        assertTrue(run.err().contains("severity 4 has no row"), run.err());
        assertTrue(run.err().contains("no row covers Defender's severity 'High'"), run.err());
        assertTrue(azure.requests().isEmpty(), "nothing was fetched");
    }

    Map<String, Object> finding(String key) {
        return db.single("SELECT * FROM findings WHERE policy_id = ?", key);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode withStatus(com.fasterxml.jackson.databind.node.ObjectNode assessment, String changed) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) assessment.path("properties").path("status")).put("statusChangeDate", changed);
        return assessment;
    }

    Path copyModel() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        try (Stream<Path> files = Files.list(Path.of("model"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        return model;
    }
}
