package io.azsync.transform;

import static io.azsync.transform.MapFixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;

/** Transform maps are validated at start with file:line errors. */
class TransformMapLoaderTest {

    static List<String> problems(String yaml) {
        return assertThrows(InvalidConfigurationException.class, () -> map(yaml)).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void everyShippedMapIsValid() {
        Map<String, TransformMap> maps = TransformMapLoader.loadDirectory(Path.of("transform-maps"));
        assertEquals(22, maps.size(), maps.keySet().toString());
        TransformMap vms = maps.get("azure-virtual-machines");
        assertEquals("azure_virtual_machines", vms.table());
        assertEquals(List.of("id"), vms.keyColumns());
        assertEquals("subscription_id", vms.scopeColumn());
        assertTrue(vms.column("id").required(), "key columns are required");
    }

    @Test
    void problemsNameTheFileTheLineAndTheFix() {
        List<String> problems = problems("""
                table: vms
                key: id
                columns:
                  id: id
                  size: {path: properties.size, type: integr}
                  tags: {path: tags, requird: true}
                  ips: properties.ips[*].address
                """);
        assertTrue(problems.contains("test.yaml:5: column size: unknown type 'integr' (expected one of: string, integer, number, "
                + "boolean, timestamp, json, string-array)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("test.yaml:6: unknown key 'requird'")), problems.toString());
        assertTrue(problems.contains("test.yaml:7: column ips: path properties.ips[*].address yields many values: use type "
                + "string-array or json, or a pattern that picks one"), problems.toString());
    }

    @Test
    void fieldsKeepOnlyTheNamedFieldsOfJsonObjectsAndAreRefusedOnOtherTypes() {
        TransformMap m = map("table: t\nkey: id\ncolumns:\n  id: id\n  creds: {path: creds, type: json, fields: [keyId, endDateTime]}\n");
        MappedRow row = new RecordMapper(m).map(MapFixtures.json(
                "{\"id\": \"1\", \"creds\": [{\"keyId\": \"k\", \"secretText\": \"s3cret\", \"endDateTime\": \"2027-01-01\"}]}"));
        assertEquals("[{\"keyId\":\"k\",\"endDateTime\":\"2027-01-01\"}]", row.value(1));
        assertTrue(problems("table: t\nkey: id\ncolumns:\n  id: id\n  n: {path: n, fields: [a]}\n").get(0)
                .contains("fields lists the fields of type json objects to keep"));
    }

    @Test
    void structuralMistakesAreReported() {
        assertTrue(problems("key: id\ncolumns:\n  id: id\n").get(0).contains("missing 'table'"));
        assertTrue(problems("table: t\ncolumns:\n  id: id\n").get(0).contains("missing 'key'"));
        assertTrue(problems("table: t\nkey: nope\ncolumns:\n  id: id\n").get(0).contains("key column 'nope' is not one of the map's columns"));
        assertTrue(problems("table: Bad-Name\nkey: id\ncolumns:\n  id: id\n").get(0).startsWith("test.yaml:1: table 'Bad-Name'"));
        assertTrue(problems("table: t\nkey: id\ncolumns:\n  id: id\n  deleted_at: x\n").get(0).contains("bookkeeping column"));
        assertTrue(problems("table: t\nkey: id\nscope: sub\ncolumns:\n  id: id\n").get(0).contains("scope must name one of the map's columns"));
        assertTrue(problems("table: t\nkey: id\ncolumns:\n  id: {path: id, transform: shout}\n").get(0).contains("unknown transform 'shout'"));
        assertTrue(problems("table: t\nkey: id\ncolumns: [\n").get(0).contains("YAML syntax error"));
    }
}
