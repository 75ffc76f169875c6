package io.azsync.sink;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.core.Page;
import io.azsync.transform.ColumnSpec;
import io.azsync.transform.ColumnType;
import io.azsync.transform.MappingException;
import io.azsync.transform.RecordMapper;
import io.azsync.transform.TransformMap;

/**
 * Completes the partial records of an incremental (delta) run. Graph returns a changed object with
 * at least its changed properties, not necessarily all selected ones; mapped as they are, the
 * missing properties would overwrite stored values with nulls. So for an incremental run the
 * stored raw record of each changed object is read (one query per page) and the new properties are
 * laid over it. A full run merges only continuations (a group sent again with more members); records
 * without a stored row pass unchanged.
 */
public final class StoredRecordMerger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;

    public StoredRecordMerger(Database database) {
        this.database = database;
    }

    public Page merge(TransformMap map, Page page) {
        String raw = rawColumn(map);
        boolean incremental = page.position().incremental();
        if (raw == null || map.keyColumns().size() != 1 || map.each() != null || page.records().isEmpty()
                || (!incremental && page.records().stream().noneMatch(StoredRecordMerger::continuation))) {
            return page;
        }
        RecordMapper keys = new RecordMapper(map);
        Map<Object, JsonNode> byKey = new HashMap<>();
        List<Object> wanted = new ArrayList<>();
        List<Object> recordKeys = new ArrayList<>();
        for (JsonNode record : page.records()) {
            Object key = null;
            if (record != null && record.isObject() && !record.has("@removed")) {
                try {
                    key = keys.removal(record, null, false).key().values().iterator().next();
                    // a full read merges only a continuation of an object (see continuation), a delta read every change
                    if (incremental || continuation(record)) {
                        wanted.add(key);
                    }
                } catch (MappingException e) {
                    key = null; // the mapper will reject it with the reason
                }
            }
            recordKeys.add(key);
        }
        if (wanted.isEmpty()) {
            return page;
        }
        ColumnType keyType = map.column(map.keyColumns().get(0)).type();
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(database.dialect().selectRaw(map, raw, wanted.size()))) {
                for (int i = 0; i < wanted.size(); i++) {
                    database.dialect().bind(ps, i + 1, keyType, wanted.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String stored = rs.getString(2);
                        if (stored != null) {
                            byKey.put(rs.getObject(1) instanceof Number n ? (Object) n.longValue() : rs.getString(1), JSON.readTree(stored));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.sql.SQLException("stored raw JSON of " + map.table() + " is not JSON: " + e.getMessage(), e);
                }
            }
            return null;
        });
        List<JsonNode> merged = new ArrayList<>(page.records().size());
        java.util.Set<Object> wantedKeys = new java.util.HashSet<>(wanted);
        for (int i = 0; i < page.records().size(); i++) {
            JsonNode record = page.records().get(i);
            Object key = recordKeys.get(i);
            JsonNode base = key == null || !wantedKeys.contains(key) ? null : byKey.get(key);
            JsonNode result = base instanceof ObjectNode stored && record instanceof ObjectNode incoming ? overlay(stored, incoming) : record;
            if (key != null && result instanceof ObjectNode) {
                // an earlier occurrence in this page is newer than the stored record: a later continuation lays over it
                byKey.put(key, result);
            }
            merged.add(result);
        }
        return new Page(page.number(), merged, page.position());
    }

    /**
     * A record that carries nothing but its id and change lists ({@code members@delta}): Graph sends a
     * large group more than once in one read, the later copies with the rest of its members only.
     * Laid over the record read before it, so its other columns are not overwritten with nulls.
     */
    static boolean continuation(JsonNode record) {
        if (record == null || !record.isObject() || record.has("@removed")) {
            return false;
        }
        boolean changes = false;
        java.util.Iterator<String> names = record.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.endsWith("@delta")) {
                changes = true;
            } else if (!name.equals("id") && !name.startsWith("@odata")) {
                return false;
            }
        }
        return changes;
    }

    /**
     * The stored record with every top-level field of the new one laid over it. A stored
     * {@code …@delta} field (e.g. {@code members@delta}) is a list of changes, not state: it is not
     * carried into a later round, where it would replay old changes.
     */
    static ObjectNode overlay(ObjectNode stored, ObjectNode incoming) {
        ObjectNode result = stored.deepCopy();
        List<String> changeLists = new ArrayList<>();
        result.fieldNames().forEachRemaining(name -> {
            if (name.endsWith("@delta")) {
                changeLists.add(name);
            }
        });
        result.remove(changeLists);
        Iterator<Map.Entry<String, JsonNode>> fields = incoming.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            result.set(field.getKey(), field.getValue());
        }
        return result;
    }

    private static String rawColumn(TransformMap map) {
        for (ColumnSpec column : map.columns()) {
            if (column.type() == ColumnType.JSON && column.paths().size() == 1 && column.paths().get(0).toString().equals("$")) {
                return column.name();
            }
        }
        return null;
    }
}
