package io.azsync.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Maps one JSON record to a {@link MappedRow} following a {@link TransformMap}. Pure: no I/O, no
 * shared mutable state; a record that does not fit throws {@link MappingException} with the reason.
 */
public final class RecordMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransformMap map;
    private final int[] keyIndexes;
    /** The map's {@link TransformMap#fingerprint()} hashed: mixed into every hash of a source text. */
    private final long[] fingerprint;
    /** Columns that hold the whole record as JSON ({@code path: $}): filled with the source text when there is one. */
    private final boolean[] wholeRecord;

    public RecordMapper(TransformMap map) {
        this.map = map;
        this.keyIndexes = map.keyColumns().stream().mapToInt(map::indexOf).toArray();
        this.fingerprint = org.apache.commons.codec.digest.MurmurHash3.hash128x64(map.fingerprint().getBytes(StandardCharsets.UTF_8));
        this.wholeRecord = new boolean[map.columns().size()];
        for (int i = 0; i < wholeRecord.length; i++) {
            ColumnSpec c = map.columns().get(i);
            wholeRecord[i] = map.each() == null && c.type() == ColumnType.JSON && c.paths().size() == 1
                    && c.paths().get(0).toString().equals("$") && c.transforms().isEmpty() && c.lookup() == null && c.pattern() == null
                    && c.fields() == null;
        }
    }

    public TransformMap map() {
        return map;
    }

    public MappedRow map(JsonNode record) {
        return map(record, null);
    }

    /** Maps a record; {@code parent} is the record holding it when the map has {@code each}, else null. */
    public MappedRow map(JsonNode record, JsonNode parent) {
        return map(record, parent, null);
    }

    /**
     * Maps a record whose source text, as the API sent it, is {@code sourceText} (null when unknown):
     * the row's hash is then the text's (see {@link #sourceHash}) and a column holding the whole
     * record takes the text as it is, without serialising the tree again.
     */
    public MappedRow map(JsonNode record, JsonNode parent, String sourceText) {
        return map(record, parent, sourceText, sourceText == null ? null : rawHash(sourceText));
    }

    /** As above, with the source's 128-bit hash already known ({@link io.azsync.core.Page#sourceHash}). */
    public MappedRow map(JsonNode record, JsonNode parent, String sourceText, long[] sourceHash) {
        return map(record, parent, (Object) sourceText, sourceHash);
    }

    /**
     * As above for a record of a page kept as its source bytes: a column holding the whole record
     * carries the {@link io.azsync.core.SourceText} itself, which the sink writes without decoding it.
     */
    public MappedRow map(JsonNode record, JsonNode parent, io.azsync.core.SourceText sourceText, long[] sourceHash) {
        return map(record, parent, (Object) sourceText, sourceHash);
    }

    private MappedRow map(JsonNode record, JsonNode parent, Object sourceText, long[] sourceHash) {
        if (record == null || !record.isObject()) {
            throw new MappingException("record is not a JSON object");
        }
        List<ColumnSpec> columns = map.columns();
        Object[] values = new Object[columns.size()];
        // a NUL reaches a value only through the escape \u0000 in the source (JSON forbids the raw byte): a source text
        // without one is scanned once, and only a looked-up value (from a file, not the source) is checked on its own
        int escapes = escapes(sourceText);
        boolean nulFree = sourceText instanceof io.azsync.core.SourceText && (escapes & io.azsync.core.SourceText.NUL) == 0;
        // half a surrogate pair, escaped: PostgreSQL refuses it in JSON, so the whole record's column holds U+FFFD there instead
        Object whole = (escapes & io.azsync.core.SourceText.UNPAIRED_SURROGATE) == 0 ? sourceText : replaceUnpairedSurrogates(sourceText);
        for (int i = 0; i < values.length; i++) {
            ColumnSpec column = columns.get(i);
            try {
                values[i] = sourceText != null && wholeRecord[i] ? whole : value(column, record, parent);
            } catch (MappingException e) {
                throw new MappingException("column " + column.name() + ": " + e.getMessage());
            }
            if ((!nulFree || column.lookup() != null) && hasNul(values[i], column.type())) {
                throw new MappingException("column " + column.name() + " contains a NUL character (U+0000), which PostgreSQL cannot "
                        + "store in text or JSON (SQLite would, but both sinks keep the same rows)");
            }
            if (column.required() && isEmpty(values[i])) {
                String paths = column.paths().stream().map(SourcePath::toString).collect(Collectors.joining(" or "));
                throw new MappingException("required column " + column.name() + " has no value (path " + paths + ")");
            }
        }
        List<Object> keyParts = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            keyParts.add(values[index]);
        }
        return new MappedRow(MappedRow.joinKey(keyParts), values, sourceHash != null ? mixed(sourceHash) : valueHash(values));
    }

    /**
     * The top-level fields the key columns read, when every key column reads only from the record
     * itself by a path that starts with a field: then {@link #keyRow} needs only those fields, not the
     * record's whole tree. Null otherwise.
     */
    public java.util.Set<String> keyFields() {
        java.util.Set<String> fields = new java.util.HashSet<>();
        for (int index : keyIndexes) {
            for (SourcePath path : map.columns().get(index).paths()) {
                if (path.parent() || path.firstField() == null) {
                    return null;
                }
                fields.add(path.firstField());
            }
        }
        return fields;
    }

    /**
     * The key columns of a record and the hash of its source text, nothing else mapped: enough to ask
     * whether the stored row is the same ({@link StoredRows}). The row holds only its key values.
     * Throws {@link MappingException} when a key column has no value (the full mapping then rejects it).
     */
    public MappedRow keyRow(JsonNode record, String sourceText) {
        return keyRow(record, rawHash(sourceText));
    }

    /** As above for a record (or only the fields {@link #keyFields()} names) whose source's 128-bit hash is known. */
    public MappedRow keyRow(JsonNode record, long[] sourceHash) {
        if (record == null || !record.isObject()) {
            throw new MappingException("record is not a JSON object");
        }
        Object[] values = new Object[map.columns().size()];
        List<Object> keyParts = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            Object value = value(map.columns().get(index), record, null);
            if (isEmpty(value) || hasNul(value, map.columns().get(index).type())) {
                throw new MappingException("key column " + map.columns().get(index).name() + " has no value");
            }
            values[index] = value;
            keyParts.add(value);
        }
        return new MappedRow(MappedRow.joinKey(keyParts), values, mixed(sourceHash));
    }

    /**
     * The row hash of a record known by its source text: 128-bit MurmurHash3 of the text as the API
     * sent it, mixed with the map's fingerprint, so the same bytes under the same map give the same
     * hash, and any change of either gives another ("s:" tells it from a hash of mapped values).
     */
    public String sourceHash(String sourceText) {
        return mixed(rawHash(sourceText));
    }

    /** The 128-bit MurmurHash3 of a text's UTF-8 bytes, as {@link io.azsync.core.Page#sourceHash} gives it for a page's record. */
    static long[] rawHash(String text) {
        return org.apache.commons.codec.digest.MurmurHash3.hash128x64(text.getBytes(StandardCharsets.UTF_8));
    }

    private String mixed(long[] h) {
        return rowHashText(h[0] ^ fingerprint[0], h[1] ^ fingerprint[1]);
    }

    /** The row hash of a record whose source's 128-bit hash is known, as two longs (see {@link #sourceHash}). */
    public long[] rowHash(long[] sourceHash) {
        return new long[] {sourceHash[0] ^ fingerprint[0], sourceHash[1] ^ fingerprint[1]};
    }

    /** A row hash as the sink stores it: {@code s:} and 32 hex digits. */
    public static String rowHashText(long h0, long h1) {
        return "s:" + HexFormat.of().toHexDigits(h0) + HexFormat.of().toHexDigits(h1);
    }

    /** The {@link io.azsync.core.SourceText#escapes()} of a source text (a String one only when it holds an escape at all). */
    private static int escapes(Object sourceText) {
        if (sourceText instanceof io.azsync.core.SourceText source) {
            return source.escapes();
        }
        if (sourceText instanceof String text && text.contains("\\u")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return new io.azsync.core.SourceText(bytes, 0, bytes.length).escapes();
        }
        return 0;
    }

    private static Object replaceUnpairedSurrogates(Object sourceText) {
        if (sourceText instanceof io.azsync.core.SourceText source) {
            return source.withUnpairedSurrogatesReplaced();
        }
        byte[] bytes = ((String) sourceText).getBytes(StandardCharsets.UTF_8);
        return new io.azsync.core.SourceText(bytes, 0, bytes.length).withUnpairedSurrogatesReplaced().toString();
    }

    /**
     * A NUL character in a text value or an element of a string array, or its escape {@code \\u0000}
     * in a JSON column's text: PostgreSQL stores neither (a literal backslash-u0000 in a plain text
     * value is six ordinary characters, and stays).
     */
    static boolean hasNul(Object value, ColumnType type) {
        if (value instanceof io.azsync.core.SourceText source) {
            return source.hasNulEscape();
        }
        if (value instanceof String text) {
            return text.indexOf('\u0000') >= 0 || (type == ColumnType.JSON && hasNulEscape(text));
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text && text.indexOf('\u0000') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The JSON escape {@code \\u0000} in a JSON text, not a backslash character followed by "u0000" (as {@link io.azsync.core.SourceText#hasNulEscape}). */
    static boolean hasNulEscape(String json) {
        for (int i = 0, last = json.length() - 6; i <= last; i++) {
            if (json.charAt(i) == '\\') {
                if (json.startsWith("u0000", i + 1)) {
                    return true;
                }
                i++;   // an escaped character, perhaps a backslash: never the start of another escape
            }
        }
        return false;
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof List<?> list && list.isEmpty()) || (value instanceof String s && s.isEmpty());
    }

    /**
     * The key of a record Graph reports as removed ({@code @removed}): the key columns' values. With
     * {@code parentOnly}, only the key columns read from the parent ({@code ^.}), for a removed
     * parent whose rows all go (a deleted group's memberships).
     */
    public Removal removal(JsonNode record, JsonNode parent, boolean parentOnly) {
        java.util.Map<String, Object> key = new java.util.LinkedHashMap<>();
        for (String name : map.keyColumns()) {
            ColumnSpec column = map.column(name);
            if (parentOnly && column.paths().stream().noneMatch(SourcePath::parent)) {
                continue;
            }
            Object value = value(column, record, parent);
            if (value == null) {
                throw new MappingException("removed record has no value for key column " + name);
            }
            key.put(name, value);
        }
        if (key.isEmpty()) {
            throw new MappingException("removed record: no key column reads the parent record");
        }
        return new Removal(key);
    }

    /**
     * What a rejected record still tells about the rows it stands for, so they count as seen: its
     * key columns when every one of them can be read; failing that (in a map with {@code each}), the
     * columns read from the parent record ({@code ^.}), which name all the rows of that parent;
     * null when neither can be read.
     */
    public java.util.Map<String, Object> seenKey(JsonNode record, JsonNode parent) {
        java.util.Map<String, Object> key = new java.util.LinkedHashMap<>();
        if (record != null && record.isObject()) {
            for (String name : map.keyColumns()) {
                Object value = quietly(map.column(name), record, parent);
                if (value == null) {
                    key = null;
                    break;
                }
                key.put(name, value);
            }
            if (key != null) {
                return key;
            }
        }
        return parent == null ? null : parentIdentity(parent);
    }

    /**
     * What names a parent record's rows whatever else of the parent changed: the values of the
     * columns read only from its id ({@code ^.id}). A rejected element (or parent) counts its
     * parent's rows as seen by these; matched by a column such as {@code ^.name} instead, the rows
     * stored before a rename would not match, and would be marked deleted. Without such a column (or
     * value), all of {@link #parentKey}.
     */
    public java.util.Map<String, Object> parentIdentity(JsonNode parent) {
        java.util.Map<String, Object> all = parentKey(parent);
        if (all == null) {
            return null;
        }
        java.util.Map<String, Object> byId = new java.util.LinkedHashMap<>();
        for (ColumnSpec column : map.columns()) {
            if (all.containsKey(column.name()) && column.paths().stream().allMatch(p -> p.toString().equalsIgnoreCase("^.id"))) {
                byId.put(column.name(), all.get(column.name()));
            }
        }
        return byId.isEmpty() ? all : byId;
    }

    /** The values of the columns read only from the parent record (all of its rows share them), or null when none can be read. */
    public java.util.Map<String, Object> parentKey(JsonNode parent) {
        java.util.Map<String, Object> key = new java.util.LinkedHashMap<>();
        if (parent == null || !parent.isObject()) {
            return null;
        }
        for (ColumnSpec column : map.columns()) {
            if (!column.paths().isEmpty() && column.paths().stream().allMatch(SourcePath::parent)
                    && column.type() != ColumnType.JSON && column.type() != ColumnType.STRING_ARRAY) {
                Object value = quietly(column, null, parent);
                if (value != null) {
                    key.put(column.name(), value);
                }
            }
        }
        return key.isEmpty() ? null : key;
    }

    private static Object quietly(ColumnSpec column, JsonNode record, JsonNode parent) {
        try {
            Object value = value(column, record, parent);
            return isEmpty(value) || hasNul(value, column.type()) ? null : value;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object value(ColumnSpec column, JsonNode record, JsonNode parent) {
        List<JsonNode> nodes = List.of();
        boolean multi = false;
        // indexed loops on this path (once per value): the client compiler the launcher runs allocates an iterator for each for-each
        List<SourcePath> paths = column.paths();
        for (int i = 0; i < paths.size(); i++) {
            SourcePath path = paths.get(i);
            nodes = path.evaluate(record, parent);
            if (!nodes.isEmpty()) {
                multi = path.multi();
                break;
            }
        }
        return switch (column.type()) {
            case JSON -> json(column.fields() == null ? nodes : nodes.stream().map(n -> keep(n, column.fields())).toList(), multi);
            case STRING_ARRAY -> stringArray(column, nodes, multi);
            default -> scalar(column, nodes);
        };
    }

    /** An object with only {@code fields} (in that order), an array of such objects; any other value as it is. */
    private static JsonNode keep(JsonNode node, List<String> fields) {
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(element -> out.add(keep(element, fields)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        for (String field : fields) {
            if (node.has(field)) {
                out.set(field, node.get(field));
            }
        }
        return out;
    }

    private static String json(List<JsonNode> nodes, boolean multi) {
        if (nodes.isEmpty()) {
            return null;
        }
        if (multi) {
            ArrayNode array = JSON.createArrayNode();
            nodes.forEach(array::add);
            return array.toString();
        }
        return nodes.get(0).toString();
    }

    private static List<String> stringArray(ColumnSpec column, List<JsonNode> nodes, boolean multi) {
        List<JsonNode> elements = nodes;
        if (!multi && nodes.size() == 1 && nodes.get(0).isArray()) {
            elements = new ArrayList<>();
            for (JsonNode element : nodes.get(0)) {
                if (!element.isNull()) {
                    elements.add(element);
                }
            }
        }
        List<String> out = new ArrayList<>(elements.size());
        for (JsonNode element : elements) {
            String matched = match(column, ColumnType.text(element));
            String text = matched == null ? null : transform(column, matched);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    private static Object scalar(ColumnSpec column, List<JsonNode> nodes) {
        String text = null;
        for (int i = 0; i < nodes.size(); i++) {
            text = match(column, ColumnType.text(nodes.get(i)));
            if (text != null || column.pattern() == null) {
                break;
            }
        }
        text = transform(column, text);
        return text == null ? null : column.type().fromText(text);
    }

    /** The value itself, or with a pattern: its first group (or the whole match), null when it does not match. */
    private static String match(ColumnSpec column, String text) {
        if (column.pattern() == null || text == null) {
            return text;
        }
        java.util.regex.Matcher m = column.pattern().matcher(text);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() >= 1 ? m.group(1) : m.group();
    }

    private static String transform(ColumnSpec column, String text) {
        String value = text;
        List<ValueTransform> transforms = column.transforms();
        for (int i = 0; i < transforms.size(); i++) {
            value = transforms.get(i).apply(value);
        }
        if (column.lookup() != null) {
            value = column.lookup().apply(value);
        }
        return value;
    }

    /**
     * 128-bit MurmurHash3 over the typed values, mixed with the map's fingerprint: any change of any mapped column
     * changes the hash, and so does any change of the map (a column renamed under the same values), whose rows are
     * then written once under it, as a record known by its source text is.
     */
    String valueHash(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (Object value : values) {
            if (value == null) {
                sb.append('\u0000');
            } else if (value instanceof List<?> list) {
                sb.append('[');
                list.forEach(v -> sb.append(v).append('\u001e'));
            } else {
                sb.append(value.getClass().getSimpleName().charAt(0)).append(value);
            }
            sb.append('\u001f');
        }
        long[] h = org.apache.commons.codec.digest.MurmurHash3.hash128x64(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits(h[0] ^ fingerprint[0]) + HexFormat.of().toHexDigits(h[1] ^ fingerprint[1]);
    }
}
