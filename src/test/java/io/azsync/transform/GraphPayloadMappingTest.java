package io.azsync.transform;

import static io.azsync.transform.MapFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.core.Page;
import io.azsync.testing.MicrosoftFixtures;

/** The Entra transform maps on Microsoft Graph payloads, including @removed entries. */
class GraphPayloadMappingTest {

    static final Map<String, TransformMap> MAPS = TransformMapLoader.loadDirectory(Path.of("transform-maps"));

    static MappedPage page(String map, JsonNode body) {
        List<JsonNode> records = new ArrayList<>();
        body.path("value").forEach(records::add);
        return new PageMapper(MAPS.get(map)).mapPage(new Page(1, records));
    }

    @Test
    void theInitialDeltaResponseYieldsRowsAndARemoval() {
        MappedPage page = page("entra-users", MicrosoftFixtures.read("delta-query-users.md.initial-response.json"));
        assertEquals(4, page.recordsRead());
        assertEquals(List.of("ffff7b1a-13b6-477b-8c0c-380905cd99f7", "605d1257-ffff-40b6-8e6f-528a53f5dc55",
                "6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0"), page.rows().stream().map(MappedRow::key).toList());
        assertEquals(List.of(new Removal(Map.of("id", "86462606-fde0-4fc4-9e0c-a20eb73e54c6"))), page.removals());
        TransformMap users = MAPS.get("entra-users");
        assertEquals("Cameron White", page.rows().get(0).value(users.indexOf("display_name")));
        assertTrue(page.rejections().isEmpty());
    }

    @Test
    void theDeltaLinkResponseYieldsTheChangeAndTheRemoval() {
        MappedPage page = page("entra-users", MicrosoftFixtures.read("delta-query-users.md.deltalink-changes-response.json"));
        assertEquals(1, page.rows().size());
        assertEquals("25dcffff-959e-4ece-9973-e5d9b800e8cc", page.rows().get(0).key());
        assertEquals(List.of(new Removal(Map.of("id", "8ffff70c-1c63-4860-b963-e34ec660931d"))), page.removals());
    }

    @Test
    void theUsersMapSelectsExactlyTheFieldsItReads() {
        assertEquals("[accountEnabled, createdDateTime, department, displayName, id, jobTitle, mail, userPrincipalName, userType]",
                MAPS.get("entra-users").sourceFields().toString());
        assertEquals("[id, members]", MAPS.get("entra-group-members").sourceFields().toString());
    }

    @Test
    void groupMembersAreOneRowPerElementAndRemovalsFollowGraph() {
        JsonNode body = json("{'value': ["
                + "{'id': 'G1', 'members@delta': [{'@odata.type': '#microsoft.graph.user', 'id': 'U1'},"
                + "  {'@odata.type': '#microsoft.graph.servicePrincipal', 'id': 'SP1'},"
                + "  {'@odata.type': '#microsoft.graph.user', 'id': 'U2', '@removed': {'reason': 'deleted'}}]},"
                + "{'id': 'G2', '@removed': {'reason': 'changed'}},"
                + "{'id': 'G3', 'displayName': 'no member changes'}]}");
        MappedPage page = page("entra-group-members", body);
        TransformMap m = MAPS.get("entra-group-members");
        assertEquals(2, page.rows().size());
        assertEquals("g1", page.rows().get(0).value(m.indexOf("group_id")));
        assertEquals("u1", page.rows().get(0).value(m.indexOf("member_id")));
        assertEquals("user", page.rows().get(0).value(m.indexOf("member_type")));
        assertEquals("servicePrincipal", page.rows().get(1).value(m.indexOf("member_type")));
        assertEquals(List.of(new Removal(Map.of("group_id", "g1", "member_id", "u2")), new Removal(Map.of("group_id", "g2"))),
                page.removals());
    }

    @Test
    void aKeyAddedAndRemovedInOnePageEndsAsItsLastEntrySays() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode removedThenAdded = json.readTree("{\"value\": [{\"id\": \"u1\", \"@removed\": {\"reason\": \"changed\"}},"
                + "{\"id\": \"u1\", \"displayName\": \"Back\"}]}");
        MappedPage revived = page("entra-users", removedThenAdded);
        assertEquals(List.of("u1"), revived.rows().stream().map(MappedRow::key).toList());
        assertTrue(revived.removals().isEmpty(), revived.removals().toString());

        JsonNode addedThenRemoved = json.readTree("{\"value\": [{\"id\": \"u1\", \"displayName\": \"Gone soon\"},"
                + "{\"id\": \"u1\", \"@removed\": {\"reason\": \"deleted\"}}]}");
        MappedPage removed = page("entra-users", addedThenRemoved);
        assertTrue(removed.rows().isEmpty(), removed.rows().toString());
        assertEquals(List.of(new Removal(Map.of("id", "u1"))), removed.removals());
    }
}
