package io.azsync.transform;

import static io.azsync.transform.MapFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class SourcePathTest {

    static final JsonNode RECORD = json("{'id': '/x', 'properties': {'resourceDetails': {'Id': '/A'}, "
            + "'ipConfigurations': [{'properties': {'privateIPAddress': '10.0.0.4'}}, {'properties': {'privateIPAddress': '10.0.0.5'}}]}}");

    static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    @Test
    void dottedPathReachesNestedValues() {
        assertEquals(List.of("/x"), texts(SourcePath.parse("id").evaluate(RECORD)));
    }

    @Test
    void fieldNamesMatchIgnoringCaseWhenNoExactMatch() {
        assertEquals(List.of("/A"), texts(SourcePath.parse("properties.resourceDetails.id").evaluate(RECORD)));
    }

    @Test
    void starFlattensArraysAndIndexPicksOne() {
        assertEquals(List.of("10.0.0.4", "10.0.0.5"),
                texts(SourcePath.parse("properties.ipConfigurations[*].properties.privateIPAddress").evaluate(RECORD)));
        assertEquals(List.of("10.0.0.5"),
                texts(SourcePath.parse("properties.ipConfigurations[1].properties.privateIPAddress").evaluate(RECORD)));
        assertTrue(SourcePath.parse("a[*].b").multi());
    }

    @Test
    void dollarIsTheWholeRecordAndMissingPathsYieldNothing() {
        assertEquals(RECORD, SourcePath.parse("$").evaluate(RECORD).get(0));
        assertTrue(SourcePath.parse("properties.nothing.here").evaluate(RECORD).isEmpty());
        assertTrue(SourcePath.parse("properties.ipConfigurations[7].x").evaluate(RECORD).isEmpty());
    }

    @Test
    void malformedPathsAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourcePath.parse("a..b")).getMessage().contains("empty segment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourcePath.parse("a[x]")).getMessage().contains("[*] or a non-negative index"));
    }

    @Test
    void aScalarWhereAnObjectIsReadIsAMalformedRecordNotAnEmptyValue() {
        JsonNode broken = json("{'id': '/x', 'properties': 'not-an-object'}");

        MappingException e = assertThrows(MappingException.class, () -> SourcePath.parse("properties.vmId").evaluate(broken));

        assertTrue(e.getMessage().contains("properties is a string, not an object"), e.getMessage());
        assertEquals(List.of(), SourcePath.parse("properties.vmId").evaluate(json("{'id': '/x'}")), "missing is still just empty");
    }

    @Test
    void eachElementsComeFromAnArrayAndAnythingElseIsRefused() {
        SourcePath rules = SourcePath.parse("properties.securityRules");

        assertEquals(2, rules.arrayElements(json("{'properties': {'securityRules': [{'id': 'a'}, {'id': 'b'}]}}")).size());
        assertEquals(List.of(), rules.arrayElements(json("{'properties': {}}")), "absent: no elements (a delta without changes)");
        assertTrue(assertThrows(MappingException.class, () -> rules.arrayElements(json("{'properties': {'securityRules': 'x'}}")))
                .getMessage().contains("is a string, not an array"));
        assertTrue(assertThrows(MappingException.class, () -> rules.arrayElements(json("{'properties': {'securityRules': {'id': 'a'}}}")))
                .getMessage().contains("is an object, not an array"));
        assertTrue(assertThrows(MappingException.class, () -> rules.arrayElements(json("{'properties': 7}")))
                .getMessage().contains("properties is a number, not an object"));
    }
}
