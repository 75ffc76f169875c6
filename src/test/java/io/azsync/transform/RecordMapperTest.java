package io.azsync.transform;

import static io.azsync.transform.MapFixtures.json;
import static io.azsync.transform.MapFixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One rule of the transform-map mapper per test. */
class RecordMapperTest {

    static Object value(String columnYaml, String record) {
        TransformMap m = map("table: t\nkey: id\ncolumns:\n  id: id\n  v: " + columnYaml + "\n");
        return new RecordMapper(m).map(json(record)).value(1);
    }

    @Test
    void aListOfPathsTakesTheFirstThatHasAValue() {
        assertEquals("b", value("[missing, second]", "{'id': '1', 'second': 'b'}"));
    }

    @Test
    void transformsApplyInOrder() {
        assertEquals("abc", value("{path: v, transform: [trim, lowercase]}", "{'id': '1', 'v': '  ABC '}"));
        assertEquals("rg-app", value("{path: id, transform: arm-resource-group}",
                "{'id': '/subscriptions/S/resourceGroups/RG-App/providers/x/y/z'}"));
        assertEquals("s", value("{path: id, transform: arm-subscription-id}", "{'id': '/subscriptions/S/resourceGroups/R'}"));
        assertEquals("z", value("{path: id, transform: arm-name}", "{'id': '/subscriptions/S/providers/x/y/z'}"));
    }

    @Test
    void lookupReplacesKnownValuesAndDefaultCoversTheRest() {
        String column = "{path: v, lookup: {Windows: windows, Linux: linux}, default: other}";
        assertEquals("windows", value(column, "{'id': '1', 'v': 'WINDOWS'}"));
        assertEquals("other", value(column, "{'id': '1', 'v': 'Plan9'}"));
        assertEquals("other", value(column, "{'id': '1'}"));
        assertEquals("Plan9", value("{path: v, lookup: {Windows: windows}}", "{'id': '1', 'v': 'Plan9'}"));
        assertEquals("none", value("{path: v, default: none}", "{'id': '1'}"));
    }

    @Test
    void theSourceHashDependsOnTheTextAndTheMapButNotOnTheOrderALookupHappensToIterate() {
        TransformMap m = map("table: t\nkey: id\ncolumns:\n  id: id\n  v: {path: v, lookup: {Zulu: z, Alpha: a, Mike: m}}\n");
        // a lookup is an immutable map, whose iteration order changes with each JVM: the fingerprint sorts it
        assertTrue(m.fingerprint().contains("{Alpha=a, Mike=m, Zulu=z}"), m.fingerprint());
        RecordMapper mapper = new RecordMapper(m);
        String text = "{\"id\":\"1\",\"v\":\"Zulu\"}";
        assertEquals(mapper.sourceHash(text), new RecordMapper(map("table: t\nkey: id\ncolumns:\n  id: id\n"
                + "  v: {path: v, lookup: {Zulu: z, Alpha: a, Mike: m}}\n")).sourceHash(text), "the same map read again: the same hash");
        assertNotEquals(mapper.sourceHash(text), mapper.sourceHash(text.replace("Zulu", "Mike")), "another text");
        assertNotEquals(mapper.sourceHash(text), new RecordMapper(map("table: t\nkey: id\ncolumns:\n  id: id\n"
                + "  v: {path: v, lookup: {Zulu: y, Alpha: a, Mike: m}}\n")).sourceHash(text), "another map: every row is rewritten once");
    }

    @Test
    void scalarTypesConvert() {
        assertEquals(42L, value("{path: v, type: integer}", "{'id': '1', 'v': '42'}"));
        assertEquals(1.5, value("{path: v, type: number}", "{'id': '1', 'v': 1.5}"));
        assertEquals(Boolean.TRUE, value("{path: v, type: boolean}", "{'id': '1', 'v': 'True'}"));
        assertEquals(Instant.parse("2021-06-27T01:02:38.313846Z"), // to the microsecond, as PostgreSQL stores it
                value("{path: v, type: timestamp}", "{'id': '1', 'v': '2021-06-27T01:02:38.3138469+00:00'}"));
        assertEquals(Instant.parse("2021-06-27T01:02:38Z"), value("{path: v, type: timestamp}", "{'id': '1', 'v': '2021-06-27T01:02:38'}"));
    }

    @Test
    void jsonAndStringArrayTypesKeepStructure() {
        assertEquals("{\"a\":1}", value("{path: v, type: json}", "{'id': '1', 'v': {'a': 1}}"));
        assertEquals(List.of("x", "y"), value("{path: 'v[*].n', type: string-array, transform: lowercase}",
                "{'id': '1', 'v': [{'n': 'X'}, {'n': 'Y'}, {'m': 1}]}"));
        assertEquals(List.of("a", "b"), value("{path: v, type: string-array}", "{'id': '1', 'v': ['a', 'b']}"));
        assertEquals(List.of(), value("{path: 'v[*].n', type: string-array}", "{'id': '1'}"));
    }

    @Test
    void aValueOfTheWrongTypeRejectsTheRecordNamingTheColumn() {
        MappingException e = assertThrows(MappingException.class, () -> value("{path: v, type: integer}", "{'id': '1', 'v': 'many'}"));
        assertEquals("column v: 'many' is not an integer", e.getMessage());
        e = assertThrows(MappingException.class, () -> value("{path: v, type: timestamp}", "{'id': '1', 'v': 'yesterday'}"));
        assertTrue(e.getMessage().contains("is not an ISO-8601 timestamp"));
        e = assertThrows(MappingException.class, () -> value("v", "{'id': '1', 'v': {'nested': true}}"));
        assertTrue(e.getMessage().contains("expected a single value but found an object"));
    }

    @Test
    void requiredAndKeyColumnsRejectRecordsWithoutThem() {
        TransformMap m = map("table: t\nkey: id\ncolumns:\n  id: [id, name]\n  v: {path: v, required: true}\n");
        RecordMapper mapper = new RecordMapper(m);
        assertEquals("required column id has no value (path id or name)",
                assertThrows(MappingException.class, () -> mapper.map(json("{'v': 1}"))).getMessage());
        assertEquals("required column v has no value (path v)",
                assertThrows(MappingException.class, () -> mapper.map(json("{'id': 'a'}"))).getMessage());
        assertNull(value("v", "{'id': '1'}"));
    }

    @Test
    void theHashChangesWithAnyValueAndOnlyThen() {
        TransformMap m = map("table: t\nkey: id\ncolumns:\n  id: id\n  a: a\n  b: {path: b, type: json}\n");
        RecordMapper mapper = new RecordMapper(m);
        MappedRow one = mapper.map(json("{'id': '1', 'a': 'x', 'b': {'k': 1}}"));
        assertEquals(one.hash(), mapper.map(json("{'id': '1', 'a': 'x', 'b': {'k': 1}}")).hash());
        assertNotEquals(one.hash(), mapper.map(json("{'id': '1', 'a': 'y', 'b': {'k': 1}}")).hash());
        assertNotEquals(one.hash(), mapper.map(json("{'id': '1', 'a': 'x', 'b': {'k': 2}}")).hash());
        assertEquals("1", one.key());
    }

    @Test
    void aNulEscapedInARecordsSourceTextIsRefusedInAnyColumnItReaches() throws Exception {
        RecordMapper mapper = new RecordMapper(map("table: t\nkey: id\ncolumns:\n  id: id\n  name: name\n"
                + "  doc: {path: doc, type: json}\n  tags: {path: 'tags[*]', type: string-array}\n"));
        for (String text : new String[] {"{\"id\":\"1\",\"name\":\"a\\u0000b\"}", "{\"id\":\"1\",\"doc\":{\"k\":\"\\u0000\"}}",
                "{\"id\":\"1\",\"tags\":[\"ok\",\"a\\u0000\"]}"}) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            io.azsync.core.SourceText source = new io.azsync.core.SourceText(bytes, 0, bytes.length);
            com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
            long[] hash = org.apache.commons.codec.digest.MurmurHash3.hash128x64(bytes);
            MappingException e = assertThrows(MappingException.class, () -> mapper.map(tree, null, source, hash), text);
            assertTrue(e.getMessage().contains("contains a NUL character"), e.getMessage());
        }
        byte[] clean = "{\"id\":\"1\",\"name\":\"back\\\\u0000slash\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("back\\u0000slash", mapper.map(new com.fasterxml.jackson.databind.ObjectMapper().readTree(clean), null,
                new io.azsync.core.SourceText(clean, 0, clean.length), new long[] {1, 2}).value(1), "an escaped backslash, then the text u0000");
    }

    @Test
    void aNulPostgresqlCannotStoreIsRefusedWhereverItIsButTheTextBackslashU0000InAPlainStringStays() {
        RecordMapper mapper = new RecordMapper(map("table: t\nkey: id\ncolumns:\n  id: id\n  name: name\n"
                + "  doc: {path: doc, type: json}\n  tags: {path: 'tags[*]', type: string-array}\n"));
        com.fasterxml.jackson.databind.node.ObjectNode record = json("{'id': '1', 'name': 'n', 'doc': {'k': 'v'}, 'tags': ['a']}")
                .deepCopy();
        assertEquals("back\\u0000slash", mapper.map(record.put("name", "back\\u0000slash")).value(1),
                "six ordinary characters in a text column");
        assertTrue(assertThrows(MappingException.class, () -> mapper.map(record.deepCopy().put("name", "a\u0000b"))).getMessage()
                .startsWith("column name contains a NUL character"));
        com.fasterxml.jackson.databind.node.ObjectNode inJson = record.deepCopy();
        inJson.putObject("doc").put("k", "a\u0000b");
        assertTrue(assertThrows(MappingException.class, () -> mapper.map(inJson)).getMessage().startsWith("column doc contains a NUL"));
        com.fasterxml.jackson.databind.node.ObjectNode backslashText = record.deepCopy();
        backslashText.putObject("doc").put("k", "\\u0000");
        assertEquals("{\"k\":\"\\\\u0000\"}", mapper.map(backslashText).value(2),
                "a backslash character and the text u0000 in a JSON column: an escaped backslash, kept");
        com.fasterxml.jackson.databind.node.ObjectNode inArray = record.deepCopy();
        inArray.putArray("tags").add("ok").add("a\u0000b");
        assertTrue(assertThrows(MappingException.class, () -> mapper.map(inArray)).getMessage().startsWith("column tags contains a NUL"));
    }
}
