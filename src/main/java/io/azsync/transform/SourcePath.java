package io.azsync.transform;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dotted path into a JSON record, as written in transform maps: {@code properties.vmId},
 * {@code properties.ipConfigurations[*].properties.privateIPAddress} ({@code [*]} flattens an
 * array), {@code properties.ipConfigurations[0].id} (one element), or {@code $} (the whole record).
 * <p>
 * Field names match exactly first and then ignoring case, because Microsoft's own payloads
 * differ in casing ({@code properties.resourceDetails.Id} vs {@code .id}).
 */
public final class SourcePath {

    private record Segment(String field, boolean flatten, int index) {
    }

    private final String text;
    private final List<Segment> segments;
    private final boolean multi;

    private SourcePath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
        this.multi = segments.stream().anyMatch(Segment::flatten);
    }

    /** Parses a path; throws {@link IllegalArgumentException} with a readable reason when malformed. */
    public static SourcePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        String trimmed = text.trim();
        if (trimmed.equals("$")) {
            return new SourcePath(trimmed, List.of());
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : trimmed.split("\\.", -1)) {
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
            if (!field.matches("[A-Za-z0-9_$@#:-]+")) {
                throw new IllegalArgumentException("path '" + text + "': '" + field + "' is not a field name");
            }
            segments.add(new Segment(field, flatten, index));
        }
        return new SourcePath(trimmed, List.copyOf(segments));
    }

    /** True when the path contains {@code [*]} and so yields many values. */
    public boolean multi() {
        return multi;
    }

    /** Every non-null value the path reaches; empty when nothing is there. */
    public List<JsonNode> evaluate(JsonNode root) {
        List<JsonNode> current = new ArrayList<>();
        if (root != null && !root.isNull()) {
            current.add(root);
        }
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode value = field(node, segment.field());
                if (value == null || value.isNull() || value.isMissingNode()) {
                    continue;
                }
                if (segment.flatten()) {
                    if (value.isArray()) {
                        value.forEach(element -> {
                            if (!element.isNull()) {
                                next.add(element);
                            }
                        });
                    }
                } else if (segment.index() >= 0) {
                    JsonNode element = value.isArray() ? value.get(segment.index()) : null;
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
