package io.azsync.demo;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small simulated tenant with a bit of everything azsync syncs, sized by a few counts. */
public final class DemoTenant {

    public static final String[] SUBSCRIPTIONS = {"d3e0d3e0-0000-4000-8000-000000000001", "d3e0d3e0-0000-4000-8000-000000000002"};

    private DemoTenant() {
    }

    public static void populate(FakeAzure azure, int vms, int users) {
        String[] severities = {"Low", "Medium", "High"};
        String[][] techniques = {{"Valid Accounts"}, {"Brute Force", "External Remote Services"}, {"Exploit Public-Facing Application"}};
        azure.subscription(SUBSCRIPTIONS[0], "Enabled", "production", "root").subscription(SUBSCRIPTIONS[1], "Enabled", "development", "root");
        azure.add(FakeResources.managementGroup("root", null)).add(FakeResources.managementGroup("production", "root"))
                .add(FakeResources.managementGroup("development", "root"));
        for (int i = 0; i < vms; i++) {
            String sub = SUBSCRIPTIONS[i % 2];
            String rg = i % 2 == 0 ? "rg-prod" : "rg-dev";
            String vm = String.format("vm-%04d", i);
            if (i < 2) {
                azure.add(FakeResources.resourceGroup(sub, rg));
            }
            ObjectNode machine = FakeResources.virtualMachine(sub, rg, vm, null);
            ((ObjectNode) machine.get("tags")).put("environment", i % 2 == 0 ? "production" : "development");
            azure.add(machine);
            boolean exposed = i % 5 == 0;
            azure.add(FakeResources.networkInterfaceTwoConfigs(sub, rg, vm + "-nic", vm, "10.0." + (i / 250) + "." + (i % 250 + 4),
                    "10.1." + (i / 250) + "." + (i % 250 + 4), vm + "-ip", exposed ? vm + "-nsg" : null));
            if (exposed) {
                azure.add(FakeResources.publicIp(sub, rg, vm + "-ip", "20.0." + (i / 250) + "." + (i % 250 + 1), null));
                azure.publicIpOnConfig(FakeResources.publicIpId(sub, rg, vm + "-ip"), FakeResources.nicId(sub, rg, vm + "-nic") + "/ipConfigurations/ipconfig2");
                azure.add(FakeResources.networkSecurityGroup(sub, rg, vm + "-nsg", "allow-rdp", "3389"));
            }
            String id = FakeResources.vmId(sub, rg, vm);
            azure.add(FakeResources.assessment(id, "endpoint-protection-" + i, i % 3 == 0 ? "Unhealthy" : "Healthy", severities[i % 3],
                    "Id", techniques[i % 3]));
            azure.add(FakeResources.assessment(id, "management-ports-" + i, exposed ? "Unhealthy" : "Healthy", "High", "Id",
                    "Brute Force"));
        }
        FakeGraph graph = azure.graph();
        for (int i = 0; i < users; i++) {
            graph.put("users", FakeGraph.user(String.format("0000a000-0000-4000-8000-%012d", i), "user" + i + "@contoso.example",
                    "User " + i, i % 10 != 0));
        }
        graph.put("users", FakeGraph.user("0000a000-0000-4000-8000-999999999999", "guest_fabrikam.example#EXT#@contoso.onmicrosoft.com",
                "Zoë Guest", true));
        graph.put("groups", FakeGraph.group("0000b000-0000-4000-8000-000000000001", "All Staff"))
                .put("groups", FakeGraph.group("0000b000-0000-4000-8000-000000000002", "Engineering"));
        graph.addMember("0000b000-0000-4000-8000-000000000001", "0000b000-0000-4000-8000-000000000002", "group");
        for (int i = 0; i < Math.min(users, 20); i++) {
            graph.addMember("0000b000-0000-4000-8000-000000000002", String.format("0000a000-0000-4000-8000-%012d", i), "user");
        }
        for (int i = 0; i < Math.min(vms, 10); i++) {
            String sub = SUBSCRIPTIONS[i % 2];
            ObjectNode device = FakeGraph.device(String.format("0000c000-0000-4000-8000-%012d", i), String.format("0000e000-0000-4000-8000-%012d", i),
                    String.format("vm-%04d", i), true);
            device.putArray("physicalIds").add("[AzureResourceId]:" + FakeResources.vmId(sub, i % 2 == 0 ? "rg-prod" : "rg-dev",
                    String.format("vm-%04d", i)));
            graph.put("devices", device);
        }
        graph.put("devices", FakeGraph.device("0000c000-0000-4000-8000-999999999999", "0000e000-0000-4000-8000-999999999999", "laptop-zoe", true));
        coverage(azure, vms);
    }

    static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    /**
     * What the coverage streams read: data stores (one open to the internet per subscription), RBAC
     * (a guest Owner, a deployment service principal whose secret expires in 10 days as Contributor on
     * an exposed VM, readers), Defender alerts, vulnerabilities (a critical one on each exposed VM)
     * and secure scores.
     */
    private static void coverage(FakeAzure azure, int vms) {
        java.time.Instant now = java.time.Instant.now();
        for (int s = 0; s < SUBSCRIPTIONS.length; s++) {
            String sub = SUBSCRIPTIONS[s];
            String rg = s == 0 ? "rg-prod" : "rg-dev";
            azure.add(FakeResources.storageAccount(sub, rg, "stpublic" + s, true)).add(FakeResources.storageAccount(sub, rg, "stprivate" + s, false))
                    .add(FakeResources.keyVault(sub, rg, "kv-" + rg, s == 0));
            azure.add(FakeResources.roleDefinition(sub, OWNER, "Owner")).add(FakeResources.roleDefinition(sub, CONTRIBUTOR, "Contributor"))
                    .add(FakeResources.roleDefinition(sub, READER, "Reader"));
            azure.add(FakeResources.roleAssignment(sub, "/subscriptions/" + sub, "ra-readers-" + s, READER, "0000b000-0000-4000-8000-000000000002",
                    "Group"));
            azure.add(FakeResources.secureScore(sub, 31.5 + s * 7, 58));
        }
        azure.add(FakeResources.roleAssignment(SUBSCRIPTIONS[0], "/subscriptions/" + SUBSCRIPTIONS[0], "ra-guest-owner", OWNER,
                "0000a000-0000-4000-8000-999999999999", "User"));
        String deployer = "0000d000-0000-4000-8000-000000000001";
        String deployerApp = "0000f000-0000-4000-8000-000000000001";
        azure.graph().put("servicePrincipals", FakeGraph.servicePrincipal(deployer, deployerApp, "deploy-pipeline", now.plus(java.time.Duration.ofDays(10))))
                .put("applications", FakeGraph.application("0000d000-0000-4000-8000-000000000002", deployerApp, "deploy-pipeline",
                        now.plus(java.time.Duration.ofDays(200))))
                .put("servicePrincipals", FakeGraph.servicePrincipal("0000d000-0000-4000-8000-000000000003", "0000f000-0000-4000-8000-000000000003",
                        "legacy-backup", now.minus(java.time.Duration.ofDays(40))));
        for (int i = 0; i < vms; i++) {
            String sub = SUBSCRIPTIONS[i % 2];
            String rg = i % 2 == 0 ? "rg-prod" : "rg-dev";
            String vm = FakeResources.vmId(sub, rg, String.format("vm-%04d", i));
            boolean exposed = i % 5 == 0;
            if (exposed) {
                azure.add(FakeResources.vulnerability(vm, "vulnerability-assessment", "critical-" + i, "90" + i, "High", 9.8, true,
                        "CVE-2026-21" + String.format("%03d", i % 1000)));
                azure.add(FakeResources.alert(vm, "alert-rdp-" + i, "High", "Active", "T1110"));
                if (i == 0) {
                    azure.add(FakeResources.roleAssignment(sub, vm, "ra-deployer", CONTRIBUTOR, deployer, "ServicePrincipal"));
                }
            }
            if (i % 3 == 1) {
                azure.add(FakeResources.vulnerability(vm, "vulnerability-assessment", "openssl-" + i, "91" + i, "Medium", 5.3, true, "CVE-2025-0101"));
                azure.add(FakeResources.alert(vm, "alert-scan-" + i, "Low", "Resolved"));
            }
        }
    }

    /** Settings that point azsync at the simulator. */
    public static Map<String, String> env(FakeAzure azure) {
        Map<String, String> env = new java.util.LinkedHashMap<>(azure.env());
        env.put("AZSYNC_RETRY_BASE_DELAY", "PT0.2S");
        env.put("AZSYNC_RETRY_MAX_DELAY", "PT2S");
        return env;
    }
}
