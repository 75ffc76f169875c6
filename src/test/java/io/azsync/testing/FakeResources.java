package io.azsync.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Resource Graph-shaped records for the fake tenant (id, name, type, location, subscriptionId, tags, properties). */
public final class FakeResources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeResources() {
    }

    public static String rgId(String sub, String rg) {
        return "/subscriptions/" + sub + "/resourceGroups/" + rg;
    }

    public static String vmId(String sub, String rg, String name) {
        return rgId(sub, rg) + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    public static String nicId(String sub, String rg, String name) {
        return rgId(sub, rg) + "/providers/Microsoft.Network/networkInterfaces/" + name;
    }

    public static String publicIpId(String sub, String rg, String name) {
        return rgId(sub, rg) + "/providers/Microsoft.Network/publicIPAddresses/" + name;
    }

    private static ObjectNode base(String id, String name, String type, String sub, String rg) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id);
        r.put("name", name);
        r.put("type", type);
        r.put("tenantId", FakeAzure.TENANT);
        r.put("location", "westeurope");
        r.put("subscriptionId", sub);
        if (rg != null) {
            r.put("resourceGroup", rg.toLowerCase());
        }
        r.putObject("tags").put("env", "test");
        return r;
    }

    public static ObjectNode subscription(String sub, String displayName) {
        ObjectNode r = base("/subscriptions/" + sub, displayName, "microsoft.resources/subscriptions", sub, null);
        r.remove("location");
        ObjectNode p = r.putObject("properties");
        p.put("state", "Enabled");
        p.putObject("subscriptionPolicies").put("quotaId", "PayAsYouGo_2014-09-01").put("spendingLimit", "Off");
        return r;
    }

    public static ObjectNode resourceGroup(String sub, String rg) {
        ObjectNode r = base(rgId(sub, rg), rg, "microsoft.resources/subscriptions/resourcegroups", sub, rg);
        r.putObject("properties").put("provisioningState", "Succeeded");
        return r;
    }

    public static ObjectNode managementGroup(String name, String parent) {
        ObjectNode r = base("/providers/Microsoft.Management/managementGroups/" + name, name,
                "microsoft.management/managementgroups", "", null);
        r.remove("subscriptionId");
        ObjectNode p = r.putObject("properties");
        p.put("displayName", "Group " + name);
        if (parent != null) {
            p.putObject("details").putObject("parent").put("id", "/providers/Microsoft.Management/managementGroups/" + parent);
        }
        return r;
    }

    public static ObjectNode virtualMachine(String sub, String rg, String name, String displayName) {
        ObjectNode r = base(vmId(sub, rg, name), displayName == null ? name : displayName, "microsoft.compute/virtualmachines", sub, rg);
        ObjectNode p = r.putObject("properties");
        p.put("vmId", java.util.UUID.nameUUIDFromBytes(name.getBytes()).toString());
        p.putObject("hardwareProfile").put("vmSize", "Standard_D2s_v5");
        ObjectNode storage = p.putObject("storageProfile");
        storage.putObject("imageReference").put("publisher", "Canonical").put("offer", "0001-com-ubuntu-server-jammy")
                .put("sku", "22_04-lts-gen2").put("version", "latest").put("exactVersion", "22.04.202411010");
        storage.putObject("osDisk").put("osType", "Linux").put("name", name + "-osdisk");
        p.putObject("osProfile").put("computerName", name);
        p.putObject("networkProfile").putArray("networkInterfaces").addObject().put("id", nicId(sub, rg, name + "-nic"));
        p.put("provisioningState", "Succeeded");
        p.put("timeCreated", "2025-03-04T05:06:07.1234567+00:00");
        p.putObject("extended").putObject("instanceView").putObject("powerState").put("code", "PowerState/running");
        return r;
    }

    public static ObjectNode networkInterface(String sub, String rg, String name, String vmName, String privateIp, String publicIpName) {
        ObjectNode r = base(nicId(sub, rg, name), name, "microsoft.network/networkinterfaces", sub, rg);
        ObjectNode p = r.putObject("properties");
        p.put("macAddress", "00-0D-3A-1B-C7-" + String.format("%02X", Math.abs(name.hashCode()) % 256));
        p.putObject("virtualMachine").put("id", vmId(sub, rg, vmName));
        ObjectNode ipConfig = p.putArray("ipConfigurations").addObject();
        ipConfig.put("id", nicId(sub, rg, name) + "/ipConfigurations/ipconfig1");
        ObjectNode ipProps = ipConfig.putObject("properties");
        ipProps.put("privateIPAddress", privateIp);
        if (publicIpName != null) {
            ipProps.putObject("publicIPAddress").put("id", publicIpId(sub, rg, publicIpName));
        }
        p.put("primary", true);
        return r;
    }

    public static ObjectNode publicIp(String sub, String rg, String name, String ip, String nicName) {
        ObjectNode r = base(publicIpId(sub, rg, name), name, "microsoft.network/publicipaddresses", sub, rg);
        ObjectNode p = r.putObject("properties");
        p.put("ipAddress", ip);
        p.put("publicIPAllocationMethod", "Static");
        p.putObject("dnsSettings").put("fqdn", name + ".westeurope.cloudapp.azure.com");
        if (nicName != null) {
            p.putObject("ipConfiguration").put("id", nicId(sub, rg, nicName) + "/ipConfigurations/ipconfig1");
        }
        return r;
    }
}
