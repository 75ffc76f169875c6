package io.azsync.transform;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dotted path into a JSON record, as written in transform maps: {@code properties.vmId},
 * {@code properties.ipConfigurations[*].properties.privateIPAddress} ({@code [*]} flattens an
 * array), {@code @odata\\.type} (a backslash keeps a dot inside a field name), {@code properties.ipConfigurations[0].id} (one element), or {@code $} (the whole record).
 * <p>
 * Field names match exactly first and then ignoring case, because Microsoft's own payloads
 * differ in casing ({@code properties.resourceDetails.Id} vs {@code .id}). In a map with
 * {@code each}, {@code ^.id} reads the record that holds the array (e.g. the group of a member).
 */
public final class SourcePath {

    private record Segment(String field, boolean flatten, int index) {
    }

    private final String text;
    private final List<Segment> segments;
    private final boolean multi;
    private final boolean parent;
    /** Field names only (no {@code [*]}, no {@code [n]}): at most one value, found without lists (most paths). */
    private final String[] fieldsOnly;

    private SourcePath(String text, List<Segment> segments, boolean parent) {
        this.text = text;
        this.segments = segments;
        this.parent = parent;
        this.multi = segments.stream().anyMatch(Segment::flatten);
        this.fieldsOnly = segments.stream().allMatch(s -> !s.flatten() && s.index() < 0)
                ? segments.stream().map(Segment::field).toArray(String[]::new) : null;
    }

    /** Parses a path; throws {@link IllegalArgumentException} with a readable reason when malformed. */
    public static SourcePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        String trimmed = text.trim();
        if (trimmed.equals("$")) {
            return new SourcePath(trimmed, List.of(), false);
        }
        boolean parent = trimmed.startsWith("^.");
        String body = parent ? trimmed.substring(2) : trimmed;
        List<Segment> segments = new ArrayList<>();
        for (String part : split(body)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("path '" + text + "' has an empty segment (two dots, or a dot at the start or end)");
            }
            String field = part;
            boolean flatten = false;
            int index = -1;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                if (!part.endsWith("]") || bracket == 0) {
                    throw new IllegalArgumentException("path '" + text + "': segment '" + part + "' must look like name[*] or name[0]");
                }
                field = part.substring(0, bracket);
                String inside = part.substring(bracket + 1, part.length() - 1);
                if (inside.equals("*")) {
                    flatten = true;
                } else {
                    try {
                        index = Integer.parseInt(inside);
                    } catch (NumberFormatException e) {
                        index = -2;
                    }
                    if (index < 0) {
                        throw new IllegalArgumentException("path '" + text + "': '[" + inside + "]' must be [*] or a non-negative index");
                    }
                }
            }
            if (!field.matches("[A-Za-z0-9_$@#:.-]+")) {
                throw new IllegalArgumentException("path '" + text + "': '" + field + "' is not a field name");
            }
            segments.add(new Segment(field, flatten, index));
        }
        return new SourcePath(trimmed, List.copyOf(segments), parent);
    }

    /** Splits at dots; {@code \\.} is a dot inside a field name ({@code @odata\\.type}). */
    private static List<String> split(String body) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '.') {
                current.append('.');
                i++;
            } else if (ch == '.') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** True for {@code ^.field}: read from the parent record of a map with {@code each}. */
    public boolean parent() {
        return parent;
    }

    /** The first field name the path reads (what Graph's $select must name), or null for {@code $}. */
    public String firstField() {
        return segments.isEmpty() ? null : segments.get(0).field();
    }

    /** Evaluates against the record, or against the parent record for a {@code ^.} path. */
    public List<JsonNode> evaluate(JsonNode record, JsonNode parentRecord) {
        return evaluate(parent ? parentRecord : record);
    }

    /** True when the path contains {@code [*]} and so yields many values. */
    public boolean multi() {
        return multi;
    }

    /**
     * Every non-null value the path reaches; empty when nothing is there. A record whose path meets a
     * string, number or boolean where an object is read is malformed: {@link MappingException}.
     */
    public List<JsonNode> evaluate(JsonNode root) {
        return walk(root, false);
    }

    /**
     * For {@code each}: the elements of the array(s) the path names. Nothing there (a missing field
     * or null) is no elements; a value of the wrong type on the way or at the end (a string where an
     * object or an array belongs) throws {@link MappingException}, so the record is rejected rather
     * than read as having no elements.
     */
    public List<JsonNode> arrayElements(JsonNode root) {
        List<JsonNode> elements = new ArrayList<>();
        for (JsonNode node : walk(root, true)) {
            if (!node.isArray()) {
                throw new MappingException("each: " + text + " is " + kind(node) + ", not an array");
            }
            node.forEach(elements::add);
        }
        return elements;
    }

    /** @param strictArrays a {@code [*]} or {@code [n]} over something that is not an array is an error, not nothing */
    private List<JsonNode> walk(JsonNode root, boolean strictArrays) {
        if (fieldsOnly != null) {
            JsonNode node = root;
            for (int i = 0; i < fieldsOnly.length && node != null && !node.isNull(); i++) {
                if (node.isValueNode()) {
                    throw notAnObject(i, node);
                }
                node = field(node, fieldsOnly[i]);
            }
            return node == null || node.isNull() || node.isMissingNode() ? List.of() : List.of(node);
        }
        List<JsonNode> current = new ArrayList<>();
        if (root != null && !root.isNull()) {
            current.add(root);
        }
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (node.isValueNode() && !node.isNull()) {
                    throw notAnObject(s, node);
                }
                JsonNode value = field(node, segment.field());
                if (value == null || value.isNull() || value.isMissingNode()) {
                    continue;
                }
                if ((segment.flatten() || segment.index() >= 0) && !value.isArray()) {
                    if (strictArrays) {
                        throw new MappingException("path " + text + ": " + segment.field() + " is " + kind(value) + ", not an array");
                    }
                } else if (segment.flatten()) {
                    value.forEach(element -> {
                        if (!element.isNull()) {
                            next.add(element);
                        }
                    });
                } else if (segment.index() >= 0) {
                    JsonNode element = value.get(segment.index());
                    if (element != null && !element.isNull()) {
                        next.add(element);
                    }
                } else {
                    next.add(value);
                }
            }
            current = next;
            if (current.isEmpty()) {
                break;
            }
        }
        return current;
    }

    /**
     * A malformed record ({@code "properties": "not-an-object"}): rejected, never read as empty.
     * {@code segment} is the segment that could not be read from {@code node}.
     */
    private MappingException notAnObject(int segment, JsonNode node) {
        String walked = segments.subList(0, segment).stream().map(Segment::field).collect(java.util.stream.Collectors.joining("."));
        return new MappingException("path " + text + ": " + (walked.isEmpty() ? "the record" : walked) + " is " + kind(node)
                + ", not an object");
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static JsonNode field(JsonNode node, String name) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
