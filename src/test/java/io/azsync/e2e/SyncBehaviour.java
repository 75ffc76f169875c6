package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.testing.CliRun;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeResources;
import io.azsync.testing.TestDatabase;

/**
 * The end-to-end behaviour every sink must show: azsync's real routes, components, azure-identity
 * and HTTPS against the fake Azure, loading a real database. Subclasses pick the database.
 */
abstract class SyncBehaviour {

    static final String SUB1 = "0b1f6471-1bf0-4dda-aec3-111111111111";
    static final String SUB2 = "0b1f6471-1bf0-4dda-aec3-222222222222";
    static final String VMS = "azure-virtual-machines";
    /** Read through one skip-token chain (the VM query has two id partitions and a counting query before them). */
    static final String IPS = "azure-public-ip-addresses";

    FakeAzure azure;
    TestDatabase db;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure();
        db = database();
        azure.subscription(SUB1).subscription(SUB2);
        azure.add(FakeResources.resourceGroup(SUB1, "rg-app")).add(FakeResources.resourceGroup(SUB2, "rg-data"));
        azure.add(FakeResources.managementGroup("root", null)).add(FakeResources.managementGroup("prod", "root"));
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Map<String, String> env() {
        return io.azsync.testing.ProjectFiles.env(azure, db);
    }

    void addVms(String sub, int count) {
        for (int i = 0; i < count; i++) {
            String name = String.format("vm-%05d", i);
            azure.add(FakeResources.virtualMachine(sub, "rg-app", name, null));
        }
    }

    void addIps(String sub, int count) {
        for (int i = 0; i < count; i++) {
            azure.add(FakeResources.publicIp(sub, "rg-app", String.format("ip-%05d", i), "20.0." + (i / 250) + "." + (i % 250), null));
        }
    }

    CliRun sync(String... streams) {
        return sync(env(), streams);
    }

    CliRun sync(Map<String, String> env, String... streams) {
        String[] args = new String[1 + streams.length * 2];
        args[0] = "sync";
        for (int i = 0; i < streams.length; i++) {
            args[1 + 2 * i] = "--stream";
            args[2 + 2 * i] = streams[i];
        }
        return CliRun.run(env, args);
    }

    Map<String, Object> lastRun(String stream) {
        return db.single("SELECT * FROM sync_runs WHERE stream = ? ORDER BY run_id DESC LIMIT 1", stream);
    }

    @Test
    void fullSyncLoadsEveryStreamAcrossPages() {
        addVms(SUB1, 1500);
        addVms(SUB2, 1001);
        azure.add(FakeResources.networkInterface(SUB1, "rg-app", "vm-00001-nic", "vm-00001", "10.0.0.4", "vm-00001-ip"));
        azure.add(FakeResources.publicIp(SUB1, "rg-app", "vm-00001-ip", "20.1.2.3", "vm-00001-nic"));

        CliRun run = sync();

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("All 20 stream(s) succeeded."), run.out());
        assertEquals(2501, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
        assertEquals(2503, db.count("SELECT COUNT(*) FROM azure_resources WHERE deleted_at IS NULL"),
                "the whole inventory: the VMs, the NIC and the public IP, across pages");
        assertEquals(2, db.count("SELECT COUNT(*) FROM azure_subscriptions"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM azure_resource_groups"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM azure_management_groups"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_network_interfaces"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses"));

        Map<String, Object> vm = db.single("SELECT * FROM azure_virtual_machines WHERE id = ?",
                FakeResources.vmId(SUB1, "rg-app", "vm-00001").toLowerCase());
        assertEquals(SUB1, vm.get("subscription_id"));
        assertEquals("rg-app", vm.get("resource_group"));
        assertEquals("linux", vm.get("os_type"));
        assertEquals("0001-com-ubuntu-server-jammy", vm.get("image_offer"));
        assertEquals("22.04.202411010", vm.get("image_version"));
        assertEquals("Standard_D2s_v5", vm.get("vm_size"));
        assertTrue(String.valueOf(vm.get("network_interface_ids")).contains(
                FakeResources.nicId(SUB1, "rg-app", "vm-00001-nic").toLowerCase()), vm.toString());
        assertTrue(String.valueOf(vm.get("time_created")).startsWith("2025-03-04"), vm.toString());
        assertNotNull(vm.get("first_seen_at"));
        assertNull(vm.get("deleted_at"));

        Map<String, Object> nic = db.single("SELECT * FROM azure_network_interfaces");
        assertEquals(FakeResources.vmId(SUB1, "rg-app", "vm-00001").toLowerCase(), nic.get("virtual_machine_id"));
        assertTrue(String.valueOf(nic.get("private_ip_addresses")).contains("10.0.0.4"));
        assertEquals("20.1.2.3", db.single("SELECT ip_address FROM azure_public_ip_addresses").get("ip_address"));

        Map<String, Object> vmRun = lastRun(VMS);
        assertEquals("succeeded", vmRun.get("state"));
        assertEquals("cli", vmRun.get("trigger"));
        assertEquals(2501L, ((Number) vmRun.get("records_read")).longValue());
        assertEquals(2501L, ((Number) vmRun.get("records_written")).longValue());
        assertEquals(4L, ((Number) vmRun.get("pages")).longValue(),
                "2501 VMs in two subscriptions, read through 2 id partitions of about 1,250 VMs: 2 pages each");
        assertEquals(20, db.count("SELECT COUNT(*) FROM sync_runs WHERE state = 'succeeded'"));

        List<FakeAzure.Request> graph = azure.requests(FakeAzure.RESOURCE_GRAPH);
        FakeAzure.Request first = graph.stream().filter(r -> r.body().contains("virtualmachines")).findFirst().orElseThrow();
        assertEquals(1000, first.json().path("options").path("$top").asInt());
        assertEquals(2, first.json().path("subscriptions").size());
        assertTrue(first.header("Authorization").startsWith("Bearer fake-"));
    }

    @Test
    void rerunOfTheSameDataWritesNoRowAndAdvancesTheTablesSighting() {
        addVms(SUB1, 30);
        assertEquals(0, sync(VMS).exitCode());
        Map<String, Object> before = db.single("SELECT * FROM azure_virtual_machines WHERE name = 'vm-00007'");

        CliRun second = sync(VMS);

        assertEquals(0, second.exitCode(), second.toString());
        Map<String, Object> run = lastRun(VMS);
        assertEquals(0L, ((Number) run.get("records_written")).longValue());
        assertEquals(30L, ((Number) run.get("records_unchanged")).longValue());
        Map<String, Object> after = db.single("SELECT * FROM azure_virtual_machines WHERE name = 'vm-00007'");
        assertEquals(before.get("first_seen_at"), after.get("first_seen_at"));
        assertEquals(before.get("row_hash"), after.get("row_hash"));
        assertEquals(before.get("raw"), after.get("raw"));
        assertEquals(before.get("last_seen_at"), after.get("last_seen_at"), "an unchanged row is not written, not even its last_seen_at");
        assertEquals(before.get("last_run_id"), after.get("last_run_id"));
        Map<String, Object> sighting = db.single("SELECT run_id, seen_at FROM table_sightings WHERE table_name = 'azure_virtual_machines'");
        assertEquals(run.get("run_id"), sighting.get("run_id"), "the run that confirmed every live row is the table's sighting");
        assertTrue(String.valueOf(sighting.get("seen_at")).compareTo(String.valueOf(after.get("last_seen_at"))) > 0);
    }

    @Test
    void aChangedRecordIsRewrittenAndCountedAsWritten() {
        addVms(SUB1, 5);
        assertEquals(0, sync(VMS).exitCode());
        String id = FakeResources.vmId(SUB1, "rg-app", "vm-00002");
        azure.remove(id).add(FakeResources.virtualMachine(SUB1, "rg-app", "vm-00002", "renamed-vm"));

        assertEquals(0, sync(VMS).exitCode());

        Map<String, Object> run = lastRun(VMS);
        assertEquals(1L, ((Number) run.get("records_written")).longValue());
        assertEquals(4L, ((Number) run.get("records_unchanged")).longValue());
        assertEquals("renamed-vm", db.single("SELECT name FROM azure_virtual_machines WHERE id = ?", id.toLowerCase()).get("name"));
    }

    @Test
    void aVanishedResourceIsMarkedDeletedAndClearedWhenItReturns() {
        addVms(SUB1, 3);
        assertEquals(0, sync(VMS).exitCode());
        String id = FakeResources.vmId(SUB1, "rg-app", "vm-00001");
        azure.remove(id);

        assertEquals(0, sync(VMS).exitCode());
        assertNotNull(db.single("SELECT deleted_at FROM azure_virtual_machines WHERE id = ?", id.toLowerCase()).get("deleted_at"));
        assertEquals(1L, ((Number) lastRun(VMS).get("records_deleted")).longValue());
        assertEquals(2, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));

        azure.add(FakeResources.virtualMachine(SUB1, "rg-app", "vm-00001", null));
        assertEquals(0, sync(VMS).exitCode());
        assertNull(db.single("SELECT deleted_at FROM azure_virtual_machines WHERE id = ?", id.toLowerCase()).get("deleted_at"));
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
    }

    @Test
    void lastSeenIsWhenTheLastRunConfirmedARowAndAVanishedRowKeepsItsLastSighting() {
        addVms(SUB1, 3);
        assertEquals(0, sync(VMS).exitCode());
        assertEquals(0, sync(VMS).exitCode());
        Object secondSighting = db.single("SELECT seen_at FROM table_sightings WHERE table_name = 'azure_virtual_machines'").get("seen_at");
        String gone = FakeResources.vmId(SUB1, "rg-app", "vm-00001").toLowerCase();
        String kept = FakeResources.vmId(SUB1, "rg-app", "vm-00002").toLowerCase();
        azure.remove(FakeResources.vmId(SUB1, "rg-app", "vm-00001"));

        assertEquals(0, sync(VMS).exitCode());

        Object thirdSighting = db.single("SELECT seen_at FROM table_sightings WHERE table_name = 'azure_virtual_machines'").get("seen_at");
        assertNotEquals(secondSighting, thirdSighting);
        assertEquals(secondSighting, db.single("SELECT last_seen_at FROM azure_virtual_machines WHERE id = ?", gone).get("last_seen_at"),
                "a vanished row was last seen by the last run that confirmed every row, not by the run that first wrote it");
        assertEquals(thirdSighting, db.single("SELECT last_seen_at FROM assets WHERE azure_resource_id = ?", kept).get("last_seen_at"),
                "an unchanged live row was seen by the last run, though nothing wrote it");
        assertEquals(secondSighting, db.single("SELECT last_seen_at FROM assets WHERE azure_resource_id = ?", gone).get("last_seen_at"));
    }

    @Test
    void aMalformedPageFailsTheStreamAndMarksNothingDeleted() {
        addIps(SUB1, 2500);
        assertEquals(0, sync(IPS).exitCode());
        azure.remove(FakeResources.publicIpId(SUB1, "rg-app", "ip-00003"));
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, Answer.status(200, "{\"totalRecords\": 2499, \"count\": 1000, \"data\": [{\"id\": \"/subscr"));

        CliRun run = sync(IPS);

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("azure-public-ip-addresses: FAILED"), run.out());
        assertTrue(run.out().contains("malformed page"), run.out());
        Map<String, Object> ledger = lastRun(IPS);
        assertEquals("failed", ledger.get("state"));
        assertTrue(String.valueOf(ledger.get("error")).contains("malformed page"), ledger.toString());
        assertEquals(1L, ((Number) ledger.get("pages")).longValue(), "the first page was loaded before the failure");
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses WHERE deleted_at IS NOT NULL"));
        assertEquals(2500, db.count("SELECT COUNT(*) FROM azure_public_ip_addresses"));
    }

    @Test
    void throttlingHonoursRetryAfterAndTheStreamSucceeds() {
        addVms(SUB1, 10);
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.throttled("1"));

        CliRun run = sync(VMS);

        assertEquals(0, run.exitCode(), run.toString());
        List<FakeAzure.Request> graph = azure.requests(FakeAzure.RESOURCE_GRAPH);
        assertEquals(3, graph.size(), "the counting query refused with 429, asked again after 1 s, then the page");
        long waitedMs = java.time.Duration.between(graph.get(0).at(), graph.get(1).at()).toMillis();
        assertTrue(waitedMs >= 900, "Retry-After: 1 must be honoured, waited " + waitedMs + " ms");
        assertEquals(10, db.count("SELECT COUNT(*) FROM azure_virtual_machines"));
    }

    @Test
    void aServerErrorIsRetriedAndTheStreamSucceeds() {
        addVms(SUB1, 1200);
        // the counting query and one chain's page pass; the other chain's page fails once
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, Answer.PASS,
                Answer.status(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"oops\"}}"));

        CliRun run = sync(VMS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(4, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "the count, 2 chains' pages of 600, one of them a 500 and asked again");
        assertEquals(1200, db.count("SELECT COUNT(*) FROM azure_virtual_machines"));
        assertEquals("succeeded", lastRun(VMS).get("state"));
    }

    @Test
    void retriesRunOutAndTheStreamFailsWithTheCause() {
        addVms(SUB1, 3);
        Answer unavailable = new Answer(503, Map.of(), "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}");
        azure.script(FakeAzure.RESOURCE_GRAPH, unavailable, unavailable, unavailable, unavailable, unavailable, unavailable);

        CliRun run = sync(VMS);

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(6, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "AZSYNC_RETRY_MAX_ATTEMPTS defaults to 6");
        assertTrue(String.valueOf(lastRun(VMS).get("error")).contains("503 ServiceUnavailable"), lastRun(VMS).toString());
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheRequestRepeated() {
        addVms(SUB1, 3);
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.expiredToken());

        CliRun run = sync(VMS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(3, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "the counting query refused (401), asked again, the page");
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_virtual_machines"));
    }

    @Test
    void aRecordWithoutAnIdIsRejectedAndTheRunEndsPartialMarkingNothingDeleted() {
        addVms(SUB1, 4);
        assertEquals(0, sync(VMS).exitCode());
        azure.remove(FakeResources.vmId(SUB1, "rg-app", "vm-00003"));
        var noId = FakeResources.virtualMachine(SUB1, "rg-app", "vm-noid", null);
        noId.remove("id");
        azure.add(noId);

        CliRun run = sync(VMS);

        assertEquals(3, run.exitCode(), "partial: the rejected record could be any row\n" + run);
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"),
                "a record without its id is no evidence that vm-00003 is gone");
        Map<String, Object> rejected = db.single("SELECT * FROM rejected_records");
        assertEquals(VMS, rejected.get("stream"));
        assertTrue(String.valueOf(rejected.get("reason")).contains("required column id has no value"), rejected.toString());
        assertTrue(String.valueOf(rejected.get("raw_payload")).contains("vm-noid"), rejected.toString());
        Map<String, Object> ledger = lastRun(VMS);
        assertEquals("partial", ledger.get("state"));
        assertTrue(String.valueOf(ledger.get("error")).contains("without a readable key"), ledger.toString());
        assertEquals(4L, ((Number) ledger.get("records_read")).longValue());
        assertEquals(1L, ((Number) ledger.get("records_rejected")).longValue());
        assertTrue(run.out().contains("PARTIAL"), run.out());

        azure.clearResources().subscription(SUB1).subscription(SUB2);
        for (int i = 0; i < 4; i++) {
            if (i != 3) {
                azure.add(FakeResources.virtualMachine(SUB1, "rg-app", String.format("vm-%05d", i), null));
            }
        }
        assertEquals(0, sync(VMS).exitCode(), "without the broken record the next run is complete");
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL AND name = 'vm-00003'"),
                "and the VM that really went is marked then");
    }

    @Test
    void aRecordThatFailsItsMapButKeepsItsIdIsRejectedAndItsRowStaysAsItWas() {
        addVms(SUB1, 4);
        assertEquals(0, sync(VMS).exitCode());
        String broken = FakeResources.vmId(SUB1, "rg-app", "vm-00001");
        String future = FakeResources.vmId(SUB1, "rg-app", "vm-00002");
        String nul = FakeResources.vmId(SUB1, "rg-app", "vm-00003");
        azure.remove(broken).remove(future).remove(nul);
        var notAnObject = FakeResources.virtualMachine(SUB1, "rg-app", "vm-00001", null);
        notAnObject.put("properties", "not-an-object");
        var farFuture = FakeResources.virtualMachine(SUB1, "rg-app", "vm-00002", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) farFuture.get("properties")).put("timeCreated", "99999-01-01T00:00:00Z");
        var withNul = FakeResources.virtualMachine(SUB1, "rg-app", "vm-00003", null);
        withNul.put("location", "west\u0000europe");
        azure.add(notAnObject).add(farFuture).add(withNul);

        CliRun run = sync(VMS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"),
                "a rejected record whose id can be read keeps its row");
        assertEquals("Standard_D2s_v5", db.single("SELECT vm_size FROM azure_virtual_machines WHERE id = ?", broken.toLowerCase())
                .get("vm_size"), "the row keeps its stored values");
        List<Map<String, Object>> rejected = db.query("SELECT reason, raw_payload FROM rejected_records ORDER BY reason");
        assertEquals(3, rejected.size(), rejected.toString());
        String reasons = rejected.toString();
        assertTrue(reasons.contains("properties is a string, not an object"), reasons);
        assertTrue(reasons.contains("99999"), reasons);
        assertTrue(reasons.contains("NUL character"), reasons);
        assertEquals("succeeded", lastRun(VMS).get("state"));
        assertEquals(3L, ((Number) lastRun(VMS).get("records_rejected")).longValue());
    }

    @Test
    void aRuleRemovedFromALiveNsgIsMarkedDeletedAndTheOthersStay() {
        String nsgs = "azure-network-security-groups";
        var nsg = FakeResources.networkSecurityGroup(SUB1, "rg-app", "nsg-web", "allow-ssh", "22");
        var rulesArray = (com.fasterxml.jackson.databind.node.ArrayNode) nsg.get("properties").get("securityRules");
        var rdp = (com.fasterxml.jackson.databind.node.ObjectNode) rulesArray.get(0).deepCopy();
        rdp.put("id", FakeResources.nsgId(SUB1, "rg-app", "nsg-web") + "/securityRules/allow-rdp-any").put("name", "allow-rdp-any");
        rulesArray.add(rdp);
        azure.add(nsg);
        assertEquals(0, sync(nsgs).exitCode());
        assertEquals(2, db.count("SELECT COUNT(*) FROM azure_network_security_group_rules WHERE deleted_at IS NULL"));

        azure.remove(FakeResources.nsgId(SUB1, "rg-app", "nsg-web"));
        azure.add(FakeResources.networkSecurityGroup(SUB1, "rg-app", "nsg-web", "allow-ssh", "22"));
        assertEquals(0, sync(nsgs).exitCode());

        assertNotNull(db.single("SELECT deleted_at FROM azure_network_security_group_rules WHERE name = ?", "allow-rdp-any").get("deleted_at"),
                "the NSG was read with its rules: the one it no longer has is gone");
        assertNull(db.single("SELECT deleted_at FROM azure_network_security_group_rules WHERE name = ?", "allow-ssh").get("deleted_at"));
        assertNull(db.single("SELECT deleted_at FROM azure_network_security_groups").get("deleted_at"));
    }

    @Test
    void anNsgWhoseRulesCannotBeReadIsRejectedAndKeepsItsRules() {
        String nsgs = "azure-network-security-groups";
        var nsg = FakeResources.networkSecurityGroup(SUB1, "rg-app", "nsg-web", "allow-ssh", "22");
        var rulesArray = (com.fasterxml.jackson.databind.node.ArrayNode) nsg.get("properties").get("securityRules");
        for (String name : new String[] {"allow-https", "deny-all"}) {
            var rule = rulesArray.get(0).deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) rule).put("id", FakeResources.nsgId(SUB1, "rg-app", "nsg-web") + "/securityRules/" + name);
            ((com.fasterxml.jackson.databind.node.ObjectNode) rule).put("name", name);
            rulesArray.add(rule);
        }
        azure.add(nsg);
        assertEquals(0, sync(nsgs).exitCode(), "one stream reads the NSGs and fills both tables");
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_network_security_group_rules WHERE deleted_at IS NULL"));
        assertEquals(1, azure.requests(FakeAzure.RESOURCE_GRAPH).stream().filter(r -> r.body().contains("networksecuritygroups")).count(),
                "the NSG query is read once for both tables");

        azure.remove(FakeResources.nsgId(SUB1, "rg-app", "nsg-web"));
        var broken = FakeResources.networkSecurityGroup(SUB1, "rg-app", "nsg-web", "allow-ssh", "22");
        broken.put("properties", "not-an-object");
        azure.add(broken);

        CliRun run = sync(nsgs);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_network_security_group_rules WHERE deleted_at IS NULL"),
                "the NSG's rules stay: its id was read, so its rules count as seen");
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_network_security_groups WHERE deleted_at IS NULL"));
        Map<String, Object> rejected = db.single("SELECT reason, raw_payload FROM rejected_records WHERE stream = ? AND reason LIKE ?",
                nsgs, "azure_network_security_group_rules: %");
        assertTrue(String.valueOf(rejected.get("reason")).contains("properties is a string, not an object"), rejected.toString());
        assertTrue(String.valueOf(rejected.get("raw_payload")).contains("nsg-web"), rejected.toString());
        assertEquals(1L, ((Number) lastRun(nsgs).get("records_rejected")).longValue(), "one record, rejected by both of the stream's maps");

        azure.remove(FakeResources.nsgId(SUB1, "rg-app", "nsg-web"));
        assertEquals(0, sync(nsgs).exitCode());
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_network_security_groups WHERE deleted_at IS NULL"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_network_security_group_rules WHERE deleted_at IS NULL"),
                "a deleted NSG's rules are marked deleted by the same stream");
        assertEquals(4L, ((Number) lastRun(nsgs).get("records_deleted")).longValue(), "the NSG and its three rules");
    }

    @Test
    void anExplicitSubscriptionScopeLimitsWhatIsQueriedAndMarkedDeleted() {
        addVms(SUB1, 2);
        addVms(SUB2, 2);
        assertEquals(0, sync(VMS).exitCode());
        azure.clearRequests();
        Map<String, String> scoped = env();
        scoped.put("AZSYNC_SUBSCRIPTIONS", SUB1);

        assertEquals(0, sync(scoped, VMS).exitCode());

        FakeAzure.Request request = azure.requests(FakeAzure.RESOURCE_GRAPH).get(0);
        assertEquals(1, request.json().path("subscriptions").size());
        assertEquals(SUB1, request.json().path("subscriptions").get(0).asText());
        assertEquals(1, azure.requests(FakeAzure.SUBSCRIPTIONS).size(),
                "an explicit scope is checked once against the subscriptions the principal can read");
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"),
                "rows of subscriptions outside the scope are not marked deleted");
    }

    @Test
    void quotaHeadersPaceRequestsSoAzureNeverSays429() {
        addVms(SUB1, 4500);
        azure.quota(3, java.time.Duration.ofSeconds(1));

        CliRun run = sync(VMS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(0, azure.answered(429), "the governor must wait before the quota runs out");
        assertEquals(4500, db.count("SELECT COUNT(*) FROM azure_virtual_machines"));
    }

    @Test
    void historyListsTheRuns() {
        addVms(SUB1, 1);
        sync(VMS);
        CliRun history = CliRun.run(env(), "history", "--limit", "5");
        assertEquals(0, history.exitCode(), history.toString());
        assertTrue(history.out().contains("azure-virtual-machines"), history.out());
        assertTrue(history.out().contains("succeeded"), history.out());
        assertTrue(history.out().contains("cli"), history.out());
    }
}
