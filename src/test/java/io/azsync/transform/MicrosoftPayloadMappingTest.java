package io.azsync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.testing.MicrosoftFixtures;

/** The shipped transform maps applied to payloads Microsoft published (read in place from shared/fixtures). */
class MicrosoftPayloadMappingTest {

    static final Map<String, TransformMap> MAPS = TransformMapLoader.loadDirectory(Path.of("transform-maps"));

    static Map<String, Object> row(String map, JsonNode record) {
        TransformMap m = MAPS.get(map);
        MappedRow row = new RecordMapper(m).map(record);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < m.columns().size(); i++) {
            out.put(m.columns().get(i).name(), row.value(i));
        }
        return out;
    }

    static List<Map<String, Object>> rows(String map, JsonNode values) {
        List<Map<String, Object>> out = new ArrayList<>();
        values.forEach(v -> out.add(row(map, v)));
        return out;
    }

    @Test
    void virtualMachineGet() {
        Map<String, Object> vm = row("azure-virtual-machines", MicrosoftFixtures.exampleBody("VirtualMachine_Get.json"));
        assertEquals("/subscriptions/{subscription-id}/resourcegroups/myresourcegroup/providers/microsoft.compute/virtualmachines/myvm",
                vm.get("id"));
        assertEquals("0f47b100-583c-48e3-a4c0-aefc2c9bbcc1", vm.get("vm_id"));
        assertEquals("{subscription-id}", vm.get("subscription_id"));
        assertEquals("myresourcegroup", vm.get("resource_group"));
        assertEquals("Standard_DS3_v2", vm.get("vm_size"));
        assertEquals("windows", vm.get("os_type"));
        assertEquals("MicrosoftWindowsServer", vm.get("image_publisher"));
        assertEquals("WindowsServer", vm.get("image_offer"));
        assertEquals("2016-Datacenter", vm.get("image_sku"));
        assertEquals("latest", vm.get("image_version"));
        assertEquals("myVM", vm.get("computer_name"));
        assertEquals("Succeeded", vm.get("provisioning_state"));
        assertEquals(Instant.parse("2021-06-27T01:02:38.313846Z"), vm.get("time_created"));
        assertEquals(List.of("/subscriptions/{subscription-id}/resourcegroups/myresourcegroup/providers/microsoft.network/networkinterfaces/{mynic}"),
                vm.get("network_interface_ids"));
        assertEquals("{\"myTag1\":\"tagValue1\"}", vm.get("tags"));
        assertTrue(String.valueOf(vm.get("raw")).contains("\"vmId\":\"0f47b100-583c-48e3-a4c0-aefc2c9bbcc1\""));
    }

    @Test
    void networkInterfaceListAll() {
        List<Map<String, Object>> nics = rows("azure-network-interfaces", MicrosoftFixtures.exampleBody("NetworkInterfaceListAll.json").path("value"));
        assertEquals(2, nics.size());
        Map<String, Object> nic = nics.get(0);
        assertEquals("00-0D-3A-1B-C7-21", nic.get("mac_address"));
        assertEquals("/subscriptions/subid/resourcegroups/rg1/providers/microsoft.compute/virtualmachines/vm1", nic.get("virtual_machine_id"));
        assertEquals(List.of("172.20.2.4"), nic.get("private_ip_addresses"));
        assertEquals(List.of("/subscriptions/subid/resourcegroups/rg1/providers/microsoft.network/publicipaddresses/test-ip"),
                nic.get("public_ip_address_ids"));
        assertEquals("/subscriptions/subid/resourcegroups/rg1/providers/microsoft.network/networksecuritygroups/nsg",
                nic.get("network_security_group_id"));
        assertEquals(Boolean.TRUE, nic.get("primary_nic"));
        assertNull(nics.get(1).get("mac_address"));
    }

    @Test
    void publicIpAddressListAll() {
        List<Map<String, Object>> ips = rows("azure-public-ip-addresses", MicrosoftFixtures.exampleBody("PublicIpAddressListAll.json").path("value"));
        assertEquals(3, ips.size());
        assertNull(ips.get(0).get("ip_address"), "a dynamic address not yet allocated has none");
        assertEquals("Dynamic", ips.get(0).get("allocation_method"));
        assertEquals("/subscriptions/subid/resourcegroups/rg1/providers/microsoft.network/networkinterfaces/testdns649/ipconfigurations/ipconfig1",
                ips.get(0).get("ip_configuration_id"));
        assertEquals("40.85.154.247", ips.get(1).get("ip_address"));
        assertEquals("testlbl.westus.cloudapp.azure.com", ips.get(1).get("fqdn"));
    }

    @Test
    void subscriptionsFromTheArmListAndTheLiveRecording() {
        List<Map<String, Object>> subs = rows("azure-subscriptions", MicrosoftFixtures.exampleBody("GetSubscriptions.json").path("value"));
        assertEquals(2, subs.size());
        assertEquals("291bba3f-e0a5-47bc-a099-3bdcb2a50a05", subs.get(0).get("subscription_id"));
        assertEquals("Example Subscription", subs.get(0).get("display_name"));
        assertEquals("Enabled", subs.get(0).get("state"));
        assertEquals("Internal_2014-09-01", subs.get(0).get("quota_id"));

        JsonNode live = MicrosoftFixtures.read("Azure.Mcp.Core.LiveTests.CommandTests.Should_list_subscriptions.json")
                .path("Entries").get(0).path("ResponseBody");
        Map<String, Object> sub = rows("azure-subscriptions", live.path("value")).get(0);
        assertEquals("00000000-0000-0000-0000-000000000000", sub.get("subscription_id"));
        assertEquals("Azure SDK Test Resources - TME", sub.get("display_name"));
    }

    @Test
    void resourceGraphPageRecordsMapWithOnlyTheProjectedColumns() {
        JsonNode data = MicrosoftFixtures.exampleBody("ResourcesFirstPageQuery.json").path("data");
        TransformMap m = MAPS.get("azure-resource-groups");
        RecordMapper mapper = new RecordMapper(m);
        for (JsonNode record : data) {
            MappedRow row = mapper.map(record);
            assertEquals(record.path("id").asText().toLowerCase(), row.key());
            assertEquals("cfbbd179-59d2-4052-aa06-9270a38aa9d6", row.value(m.indexOf("subscription_id")));
        }
    }
}
