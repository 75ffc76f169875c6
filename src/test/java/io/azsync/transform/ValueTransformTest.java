package io.azsync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ARM id and link transforms, on the shapes Azure's ids and Defender's links take, and on the odd ones. */
class ValueTransformTest {

    static String apply(String transform, String value) {
        return ValueTransform.byName(transform).apply(value);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "/subscriptions/ABC-1/resourceGroups/RG-App/providers/Microsoft.Compute/virtualMachines/vm1, abc-1, rg-app",
        "/SUBSCRIPTIONS/abc/RESOURCEGROUPS/rg, abc, rg",
        "/subscriptions/abc, abc, NULL",
        "/subscriptions/, NULL, NULL",
        "/subscriptions//resourceGroups/rg/subscriptions/late, late, rg",
        "subscriptions/first/resourcegroups/, first, NULL",
        "/providers/Microsoft.Management/managementGroups/mg, NULL, NULL",
        "'', NULL, NULL",
        "/subscriptionsX/abc/resourceGroupsY/rg, NULL, NULL",
    })
    void subscriptionAndResourceGroupAreTheSegmentsAfterTheirNames(String id, String subscription, String group) {
        assertEquals(subscription, apply("arm-subscription-id", id));
        assertEquals(group, apply("arm-resource-group", id));
    }

    @ParameterizedTest
    @CsvSource({
        "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/VM1/providers/Microsoft.Security/assessments/k1,"
                + " /subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/VM1",
        "/subscriptions/s/PROVIDERS/MICROSOFT.SECURITY/ASSESSMENTS/k, /subscriptions/s",
        "/providers/Microsoft.Security/assessments/k, /providers/Microsoft.Security/assessments/k",
        "/subscriptions/s/providers/Microsoft.Security/assessmentMetadata/k, /subscriptions/s/providers/Microsoft.Security/assessmentMetadata/k",
    })
    void theAssessedResourceIsTheIdBeforeItsAssessmentsSegment(String id, String resource) {
        assertEquals(resource, apply("assessed-resource", id));
    }

    @Test
    void aLinkWithoutASchemeGetsHttps() {
        assertEquals("https://portal.azure.com/#blade/x", apply("https-url", "portal.azure.com/#blade/x"));
        assertEquals("https://portal.azure.com/x", apply("https-url", "//portal.azure.com/x"));
        assertEquals("https://portal.azure.com/x", apply("https-url", "https://portal.azure.com/x"));
        assertEquals("HTTP://portal.azure.com/x", apply("https-url", "HTTP://portal.azure.com/x"));
        assertEquals("ms-portal+x.y://a", apply("https-url", "ms-portal+x.y://a"));
        assertEquals("  ", apply("https-url", "  "));
        assertEquals("https://1abc://x", apply("https-url", "1abc://x"), "a scheme starts with a letter");
    }
}
