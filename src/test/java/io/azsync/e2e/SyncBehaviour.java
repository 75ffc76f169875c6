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
import io.azsync.testing.FakeAzure;
import io.azsync.testing.FakeAzure.Answer;
import io.azsync.testing.FakeResources;
import io.azsync.testing.TestDatabase;

/**
 * The end-to-end behaviour every sink must show: azsync's real routes, components, azure-identity
 * and HTTPS against the fake Azure, loading a real database. Subclasses pick the database.
 */
abstract class SyncBehaviour {

    static final String SUB1 = "0b1f6471-1bf0-4dda-aec3-111111111111";
    static final String SUB2 = "0b1f6471-1bf0-4dda-aec3-222222222222";
    static final String VMS = "azure-virtual-machines";

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
        Map<String, String> env = new LinkedHashMap<>(azure.env());
        env.putAll(db.env());
        return env;
    }

    void addVms(String sub, int count) {
        for (int i = 0; i < count; i++) {
            String name = String.format("vm-%05d", i);
            azure.add(FakeResources.virtualMachine(sub, "rg-app", name, null));
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
        System.out.println(run);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("All 8 stream(s) succeeded."), run.out());
        assertEquals(2501, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NULL"));
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
        assertEquals(3L, ((Number) vmRun.get("pages")).longValue(), "2501 VMs in two subscriptions are 3 pages of 1000");
        assertEquals(8, db.count("SELECT COUNT(*) FROM sync_runs WHERE state = 'succeeded'"));

        List<FakeAzure.Request> graph = azure.requests(FakeAzure.RESOURCE_GRAPH);
        FakeAzure.Request first = graph.stream().filter(r -> r.body().contains("virtualmachines")).findFirst().orElseThrow();
        assertEquals(1000, first.json().path("options").path("$top").asInt());
        assertEquals(2, first.json().path("subscriptions").size());
        assertTrue(first.header("Authorization").startsWith("Bearer fake-"));
    }
}
