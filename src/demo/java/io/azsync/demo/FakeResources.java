package io.azsync.demo;

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

    /** A NIC with two ip configurations; the second carries the public IP. */
    public static ObjectNode networkInterfaceTwoConfigs(String sub, String rg, String name, String vmName, String ip1, String ip2,
                                                        String publicIpName, String nsgName) {
        ObjectNode r = networkInterface(sub, rg, name, vmName, ip1, null);
        ObjectNode p = (ObjectNode) r.get("properties");
        p.put("macAddress", "00-0D-3A-AA-BB-CC");
        ObjectNode second = ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("ipConfigurations")).addObject();
        second.put("id", nicId(sub, rg, name) + "/ipConfigurations/ipconfig2");
        ObjectNode props = second.putObject("properties");
        props.put("privateIPAddress", ip2);
        props.putObject("publicIPAddress").put("id", publicIpId(sub, rg, publicIpName));
        if (nsgName != null) {
            p.putObject("networkSecurityGroup").put("id", nsgId(sub, rg, nsgName));
        }
        return r;
    }

    public static String nsgId(String sub, String rg, String name) {
        return rgId(sub, rg) + "/providers/Microsoft.Network/networkSecurityGroups/" + name;
    }

    /** An NSG with one inbound allow rule from the internet to the given port range. */
    public static ObjectNode networkSecurityGroup(String sub, String rg, String name, String ruleName, String portRange) {
        ObjectNode r = base(nsgId(sub, rg, name), name, "microsoft.network/networksecuritygroups", sub, rg);
        ObjectNode rule = r.putObject("properties").putArray("securityRules").addObject();
        rule.put("id", nsgId(sub, rg, name) + "/securityRules/" + ruleName);
        rule.put("name", ruleName);
        ObjectNode p = rule.putObject("properties");
        p.put("protocol", "Tcp");
        p.put("sourcePortRange", "*");
        p.put("destinationPortRange", portRange);
        p.put("sourceAddressPrefix", "Internet");
        p.put("destinationAddressPrefix", "*");
        p.put("access", "Allow");
        p.put("priority", 100);
        p.put("direction", "Inbound");
        return r;
    }

    /**
     * A Defender for Cloud assessment as Resource Graph returns it (properties.metadata included).
     * {@code resourceIdField} picks the casing variant of resourceDetails: Id, id or ResourceId.
     */
    public static ObjectNode assessment(String resourceId, String key, String status, String severity, String resourceIdField,
                                        String... techniques) {
        String sub = resourceId.split("/")[2];
        ObjectNode r = base(resourceId + "/providers/Microsoft.Security/assessments/" + key, key, "microsoft.security/assessments", sub, null);
        r.remove("location");
        ObjectNode p = r.putObject("properties");
        p.putObject("resourceDetails").put("Source", "Azure").put(resourceIdField, resourceId);
        p.put("displayName", "Recommendation " + key);
        ObjectNode st = p.putObject("status");
        st.put("code", status);
        st.put("firstEvaluationDate", "2026-01-01T00:00:00Z");
        st.put("statusChangeDate", "2026-02-01T00:00:00Z");
        ObjectNode m = p.putObject("metadata");
        m.put("displayName", "Recommendation " + key);
        m.put("severity", severity);
        m.putArray("categories").add("Compute");
        m.put("userImpact", "Low");
        m.put("implementationEffort", "Moderate");
        m.putArray("threats").add("dataExfiltration");
        m.putArray("tactics").add("Initial Access");
        var t = m.putArray("techniques");
        for (String technique : techniques) {
            t.add(technique);
        }
        m.put("policyDefinitionId", "/providers/Microsoft.Authorization/policyDefinitions/" + key);
        m.put("assessmentType", "BuiltIn");
        m.put("description", "Why " + key + " matters");
        m.put("remediationDescription", "How to fix " + key);
        p.putObject("links").put("azurePortal", "portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/" + key);
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

    // ---------------------------------------------------------------- coverage beyond hosts (inventory, RBAC, alerts, vulnerabilities, scores)

    /** A storage account: public network access on or off, as Resource Graph returns it. */
    public static ObjectNode storageAccount(String sub, String rg, String name, boolean publicAccess) {
        ObjectNode r = base(rgId(sub, rg) + "/providers/Microsoft.Storage/storageAccounts/" + name, name, "microsoft.storage/storageaccounts",
                sub, rg);
        r.put("kind", "StorageV2");
        r.putObject("sku").put("name", "Standard_LRS").put("tier", "Standard");
        ObjectNode p = r.putObject("properties");
        p.put("publicNetworkAccess", publicAccess ? "Enabled" : "Disabled");
        p.put("allowBlobPublicAccess", publicAccess);
        p.putObject("networkAcls").put("defaultAction", publicAccess ? "Allow" : "Deny");
        p.put("provisioningState", "Succeeded");
        return r;
    }

    /** A key vault: reachable from the internet unless its network rules deny by default. */
    public static ObjectNode keyVault(String sub, String rg, String name, boolean publicAccess) {
        ObjectNode r = base(rgId(sub, rg) + "/providers/Microsoft.KeyVault/vaults/" + name, name, "microsoft.keyvault/vaults", sub, rg);
        ObjectNode p = r.putObject("properties");
        p.put("tenantId", FakeAzure.TENANT);
        p.put("publicNetworkAccess", publicAccess ? "Enabled" : "Disabled");
        p.putObject("networkAcls").put("defaultAction", publicAccess ? "Allow" : "Deny");
        p.put("vaultUri", "https://" + name + ".vault.azure.net/");
        return r;
    }

    /** A built-in role definition (Owner is 8e3af657-a8ff-443c-a75c-2fe8c4bcb635, Reader acdd72a7-3385-48ef-bd42-f606fba81ae7). */
    public static ObjectNode roleDefinition(String sub, String guid, String roleName) {
        ObjectNode r = base("/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + guid, guid,
                "microsoft.authorization/roledefinitions", sub, null);
        ObjectNode p = r.putObject("properties");
        p.put("roleName", roleName);
        p.put("type", "BuiltInRole");
        p.put("description", roleName + " role");
        p.putArray("assignableScopes").add("/");
        p.putArray("permissions").addObject().putArray("actions").add("*");
        return r;
    }

    /** A role assignment of a role (by GUID) to a principal at a scope (a subscription, resource group or resource id). */
    public static ObjectNode roleAssignment(String sub, String scope, String guid, String roleGuid, String principalId, String principalType) {
        ObjectNode r = base(scope + "/providers/Microsoft.Authorization/roleAssignments/" + guid, guid,
                "microsoft.authorization/roleassignments", sub, null);
        ObjectNode p = r.putObject("properties");
        p.put("roleDefinitionId", "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid);
        p.put("principalId", principalId);
        p.put("principalType", principalType);
        p.put("scope", scope);
        p.put("createdOn", "2026-01-05T10:00:00Z");
        return r;
    }

    /** A Defender for Cloud alert about a resource. */
    public static ObjectNode alert(String resourceId, String name, String severity, String status, String... techniques) {
        String sub = resourceId.split("/")[2];
        String rg = resourceId.split("/")[4];
        ObjectNode r = base(rgId(sub, rg) + "/providers/Microsoft.Security/locations/westeurope/alerts/" + name, name,
                "microsoft.security/locations/alerts", sub, rg);
        ObjectNode p = r.putObject("properties");
        p.put("alertType", "VM_SuspiciousActivity");
        p.put("systemAlertId", name);
        p.put("alertDisplayName", "Suspicious activity on " + resourceId.substring(resourceId.lastIndexOf('/') + 1));
        p.put("severity", severity);
        p.put("status", status);
        p.put("intent", "Execution");
        p.put("startTimeUtc", "2026-11-20T08:00:00.0000000Z");
        p.put("endTimeUtc", "2026-11-20T08:05:00.0000000Z");
        p.put("compromisedEntity", resourceId.substring(resourceId.lastIndexOf('/') + 1));
        p.putArray("resourceIdentifiers").addObject().put("type", "AzureResource").put("azureResourceId", resourceId);
        com.fasterxml.jackson.databind.node.ArrayNode t = p.putArray("techniques");
        for (String technique : techniques) {
            t.add(technique);
        }
        p.put("alertUri", "portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/" + name);
        return r;
    }

    /** A vulnerability (sub-assessment) of a resource, with its CVSS 3.0 base score and CVE ids (Defender's severities: Low, Medium, High). */
    public static ObjectNode vulnerability(String resourceId, String assessmentKey, String name, String vulnerabilityId, String severity,
                                           double cvss, boolean patchable, String... cves) {
        String sub = resourceId.split("/")[2];
        ObjectNode r = base(resourceId + "/providers/Microsoft.Security/assessments/" + assessmentKey + "/subAssessments/" + name, name,
                "microsoft.security/assessments/subassessments", sub, null);
        ObjectNode p = r.putObject("properties");
        p.put("id", vulnerabilityId);
        p.put("displayName", "Vulnerability " + vulnerabilityId);
        p.putObject("status").put("code", "Unhealthy").put("severity", severity);
        p.put("category", "Remote code execution");
        p.put("remediation", "Install the vendor's update");
        p.put("timeGenerated", "2026-11-20T09:00:00.0000000Z");
        ObjectNode data = p.putObject("additionalData");
        data.put("assessedResourceType", "ServerVulnerability");
        data.put("patchable", patchable);
        data.putObject("cvss").putObject("3.0").put("base", cvss);
        com.fasterxml.jackson.databind.node.ArrayNode cve = data.putArray("cve");
        for (String id : cves) {
            cve.addObject().put("title", id).put("link", "https://nvd.nist.gov/vuln/detail/" + id);
        }
        return r;
    }

    /** The secure score of a subscription (ascScore). */
    public static ObjectNode secureScore(String sub, double current, double max) {
        ObjectNode r = base("/subscriptions/" + sub + "/providers/Microsoft.Security/secureScores/ascScore", "ascScore",
                "microsoft.security/securescores", sub, null);
        ObjectNode p = r.putObject("properties");
        p.put("displayName", "ASC score");
        p.putObject("score").put("current", current).put("max", max).put("percentage", Math.round(current / max * 10000) / 10000.0);
        p.put("weight", 100);
        return r;
    }
}
