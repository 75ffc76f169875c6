package io.azsync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.testing.MicrosoftFixtures;

/**
 * The maps of the coverage streams (inventory, RBAC, alerts, vulnerabilities, secure scores)
 * applied to the payloads Microsoft published, read in place from shared/fixtures.
 */
class CoverageStreamsPayloadTest {

    static Map<String, Object> row(String map, JsonNode record) {
        return MicrosoftPayloadMappingTest.row(map, record);
    }

    static JsonNode first(String fixture) {
        return MicrosoftFixtures.exampleBody(fixture).path("value").get(0);
    }

    @Test
    void everyStorageAccountAndKeyVaultIsAnInventoryRowWithItsTypeSkuIdentityAndProperties() {
        List<Map<String, Object>> rows = MicrosoftPayloadMappingTest.rows("azure-resources",
                MicrosoftFixtures.exampleBody("StorageAccountList.json").path("value"));
        assertEquals(6, rows.size());
        Map<String, Object> sa = rows.get(0);
        assertEquals("microsoft.storage/storageaccounts", sa.get("type"));
        assertTrue(String.valueOf(sa.get("id")).startsWith("/subscriptions/{subscription-id}/resourcegroups/"), String.valueOf(sa.get("id")));
        assertEquals("{subscription-id}", sa.get("subscription_id"));
        assertTrue(String.valueOf(sa.get("sku")).contains("\"name\""), String.valueOf(sa.get("sku")));
        assertTrue(String.valueOf(sa.get("properties")).contains("networkAcls") || String.valueOf(sa.get("properties")).contains("provisioningState"));
        Map<String, Object> vault = row("azure-resources", MicrosoftFixtures.exampleBody("listVaultBySubscription.json").path("value").get(0));
        assertEquals("microsoft.keyvault/vaults", vault.get("type"));
        assertTrue(String.valueOf(vault.get("properties")).contains("tenantId"), String.valueOf(vault.get("properties")));
    }

    @Test
    void aRoleAssignmentNamesItsPrincipalRoleAndScope() {
        Map<String, Object> a = row("azure-role-assignments", first("RoleAssignments_ListForScope.json"));
        assertEquals("ce2ce14e-85d7-4629-bdbc-454d0519d987", a.get("principal_id"));
        assertEquals("User", a.get("principal_type"));
        assertEquals("/providers/microsoft.authorization/roledefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d", a.get("role_definition_id"));
        assertEquals("0b5fe924-9a61-425c-96af-cfe6e287ca2d", a.get("role_definition_name"));
        assertEquals("/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2", a.get("scope"));
        assertEquals("a925f2f7-5c63-4b7b-8799-25a5f97bc3b2", a.get("subscription_id"));
        assertNull(a.get("condition"));
    }

    @Test
    void aRoleDefinitionListsItsNameAndPermissions() {
        Map<String, Object> d = row("azure-role-definitions", MicrosoftFixtures.exampleBody("GetRoleDefinitionById.json"));
        assertEquals("roledefinitionid", d.get("name"));
        assertEquals("Role name", d.get("role_name"));
        assertEquals("roletype", d.get("role_type"));
        assertEquals(List.of("action"), d.get("actions"));
        assertEquals(List.of("dataAction"), d.get("data_actions"));
        assertEquals(List.of("/subscriptions/subid"), d.get("assignable_scopes"));
    }

    @Test
    void anAlertKeepsTypeSeverityStatusTimesEntityResourcesAndMitre() {
        JsonNode alerts = MicrosoftFixtures.exampleBody("GetAlertsSubscription_example.json").path("value");
        Map<String, Object> a = row("defender-alerts", alerts.get(0));
        assertEquals("VM_EICAR", a.get("alert_type"));
        assertEquals("High", a.get("severity"));
        assertEquals("Active", a.get("status"));
        assertEquals(Instant.parse("2020-02-22T00:00:00Z"), a.get("start_time"));
        assertEquals("20ff7fc3-e762-44dd-bd96-b71116dcdc23", a.get("subscription_id"));
        assertEquals("/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourcegroups/myrg1/providers/microsoft.compute/virtualmachines/vm1",
                a.get("resource_id"));
        assertEquals(List.of(a.get("resource_id")), a.get("resource_ids"), "the Log Analytics identifier has no resource id");
        assertEquals("Execution", a.get("intent"));
        assertTrue(String.valueOf(a.get("portal_link")).startsWith("https://portal.azure.com/"), String.valueOf(a.get("portal_link")));
        assertTrue(a.get("compromised_entity") != null);
        assertTrue(((List<?>) a.get("techniques")).size() > 0, String.valueOf(a.get("techniques")));
    }

    @Test
    void aVulnerabilityCarriesItsIdCvesSeverityPatchableAndResource() {
        Map<String, Object> v = row("defender-sub-assessments", first("ListSubscriptionSubAssessments_example.json"));
        assertEquals("1001", v.get("vulnerability_id"));
        assertEquals(List.of("CVE-2019-12345"), v.get("cve_ids"));
        assertEquals("High", v.get("severity"));
        assertEquals("Unhealthy", v.get("status_code"));
        assertEquals(Boolean.TRUE, v.get("patchable"));
        assertEquals(10.0, v.get("cvss_base"));
        assertEquals("/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourcegroups/myrg/providers/microsoft.containerregistry/registries/myregistry",
                v.get("resource_id"));
        assertEquals("ContainerRegistryVulnerability", v.get("assessed_resource_type"));
    }

    @Test
    void aSecureScoreHasCurrentMaxAndPercentage() {
        Map<String, Object> s = row("defender-secure-scores", first("ListSecureScores_example.json"));
        assertEquals("score", s.get("kind"));
        assertEquals(23.53, s.get("current_score"));
        assertEquals(39.0, s.get("max_score"));
        assertEquals(0.6033, s.get("percentage"));
        assertEquals("20ff7fc3-e762-44dd-bd96-b71116dcdc23", s.get("subscription_id"));
    }

    @Test
    void aServicePrincipalAndAnApplicationKeepTheirCredentialsKeyIdsAndDatesButNeverASecret() {
        Map<String, Object> sp = row("entra-service-principals", MicrosoftFixtures.read("serviceprincipal-list.md.response.json").path("value").get(0));
        assertEquals("65415bb1-9267-4313-bbf5-ae259732ee12", sp.get("app_id"));
        assertEquals("foo", sp.get("display_name"));
        assertEquals("1bc1c026-2f7b-48a5-98da-afa2fd8bc7bc", sp.get("app_owner_organization_id"));
        assertEquals("[]", sp.get("password_credentials"));

        // an application holding the credential addPassword answered with (the only time Graph shows secretText)
        com.fasterxml.jackson.databind.node.ObjectNode app = (com.fasterxml.jackson.databind.node.ObjectNode)
                MicrosoftFixtures.read("application-get.md.example1-response.json").deepCopy();
        JsonNode secret = MicrosoftFixtures.read("application-addpassword.md.response.json");
        app.putArray("passwordCredentials").add(secret);
        Map<String, Object> a = row("entra-applications", app);
        String credentials = String.valueOf(a.get("password_credentials"));
        assertTrue(credentials.contains("f0b0b335-1d71-4883-8f98-567911bfdca6") && credentials.contains("2021-09-09T19:50:29.3086381Z"), credentials);
        assertTrue(!credentials.contains(secret.path("secretText").asText()) && !credentials.contains("hint"), "no secret value: " + credentials);
        assertTrue(a.values().stream().noneMatch(v -> String.valueOf(v).contains(secret.path("secretText").asText())), "in no column");
    }
}
