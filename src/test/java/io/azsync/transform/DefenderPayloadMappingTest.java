package io.azsync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.testing.MicrosoftFixtures;

/** The defender-assessments map on Microsoft's published assessment and assessment-metadata payloads. */
class DefenderPayloadMappingTest {

    static final TransformMap MAP = TransformMapLoader.loadDirectory(Path.of("transform-maps")).get("defender-assessments");

    static Object value(MappedRow row, String column) {
        return row.value(MAP.indexOf(column));
    }

    @Test
    void assessmentsListMapsResourceStatusAndKey() {
        JsonNode values = MicrosoftFixtures.exampleBody("ListAssessments_example.json").path("value");
        RecordMapper mapper = new RecordMapper(MAP);
        MappedRow healthy = mapper.map(values.get(0));
        MappedRow notApplicable = mapper.map(values.get(1));
        assertEquals("21300918-b2e3-0346-785f-c77ff57d243b", value(healthy, "assessment_key"));
        assertEquals("/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourcegroups/myrg/providers/microsoft.compute/"
                + "virtualmachinescalesets/vmss1", value(healthy, "resource_id"), "resourceDetails.id, lower-cased");
        assertEquals("20ff7fc3-e762-44dd-bd96-b71116dcdc23", value(healthy, "subscription_id"));
        assertEquals("Healthy", value(healthy, "status_code"));
        assertEquals("NotApplicable", value(notApplicable, "status_code"));
        assertEquals("OffByPolicy", value(notApplicable, "status_cause"));
        assertEquals("Install endpoint protection solution on virtual machine scale sets", value(healthy, "display_name"));
        assertNull(value(healthy, "severity"), "the list API without $expand=metadata carries no severity");
    }

    @Test
    void assessmentMetadataFieldsMap() {
        JsonNode values = MicrosoftFixtures.exampleBody("ListAssessmentsMetadata_example.json").path("value");
        MappedRow row = new RecordMapper(MAP).map(values.get(0));
        assertEquals("Medium", value(row, "severity"));
        assertEquals(List.of("Compute"), value(row, "categories"));
        assertEquals(List.of("dataExfiltration", "dataSpillage", "maliciousInsider"), value(row, "threats"));
        assertEquals("Low", value(row, "user_impact"));
        assertEquals("Low", value(row, "implementation_effort"));
        assertEquals("BuiltIn", value(row, "assessment_type"));
        assertEquals("/providers/microsoft.authorization/policydefinitions/26a828e1-e88f-464e-bbb3-c134a282b9de",
                value(row, "policy_definition_id"));
        assertEquals(List.of(), value(row, "technique_ids"));
    }

    @Test
    void techniqueNamesResolveToAttackIdsAndUnknownNamesAreLeftOut() {
        JsonNode record = MapFixtures.json("{'id': '/subscriptions/s/providers/Microsoft.Security/assessments/k', 'name': 'k',"
                + "'properties': {'metadata': {'techniques': ['Valid Accounts', 'brute force', 'Not A Technique']}}}");
        MappedRow row = new RecordMapper(MAP).map(record);
        assertEquals(List.of("T1078", "T1110"), value(row, "technique_ids"));
        assertEquals(List.of("Valid Accounts", "brute force", "Not A Technique"), value(row, "techniques"));
    }

    @Test
    void theResourceFallsBackToAzureResourceIdAndThenToTheAssessmentsOwnIdAndPortalLinksGetAScheme() {
        RecordMapper mapper = new RecordMapper(MAP);
        com.fasterxml.jackson.databind.node.ObjectNode onPrem = MicrosoftFixtures.exampleBody("ListAssessments_example.json")
                .path("value").get(0).deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode details = (com.fasterxml.jackson.databind.node.ObjectNode) onPrem.path("properties")
                .path("resourceDetails");
        details.removeAll();
        details.put("Source", "OnPremise").put("AzureResourceId", "/subscriptions/S1/resourceGroups/RG/providers/Microsoft.HybridCompute/machines/M1");
        ((com.fasterxml.jackson.databind.node.ObjectNode) onPrem.path("properties")).putObject("links")
                .put("azurePortal", "portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/k1");
        MappedRow arc = mapper.map(onPrem);
        assertEquals("/subscriptions/s1/resourcegroups/rg/providers/microsoft.hybridcompute/machines/m1", value(arc, "resource_id"));
        assertEquals("https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/k1",
                value(arc, "portal_link"));

        details.removeAll();
        MappedRow bare = mapper.map(onPrem);
        assertEquals("/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourcegroups/myrg/providers/microsoft.compute/"
                + "virtualmachinescalesets/vmss1", value(bare, "resource_id"), "the assessment id up to /providers/Microsoft.Security/assessments/");
    }
}
