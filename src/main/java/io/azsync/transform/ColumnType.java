package io.azsync.transform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The column types a transform map may declare, and how a JSON value becomes a Java value of that
 * type. Java values: String, Long, Double, Boolean, Instant, JSON text (json) and List of String
 * (string-array, built by the mapper).
 */
public enum ColumnType {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    TIMESTAMP("timestamp"),
    JSON("json"),
    STRING_ARRAY("string-array");

    private final String yamlName;

    ColumnType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static ColumnType byName(String name) {
        for (ColumnType t : values()) {
            if (t.yamlName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + name + "' (expected one of: " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(ColumnType::yamlName).collect(Collectors.joining(", "));
    }

    /** Text of a scalar JSON value; objects and arrays are not text. */
    static String text(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        throw new MappingException("expected a single value but found " + (node.isArray() ? "an array" : "an object")
                + " (use type json, or a path ending in [*] with type string-array)");
    }

    /** Converts a (transformed) string to this scalar type. */
    Object fromText(String text) {
        return switch (this) {
            case STRING -> text;
            case INTEGER -> {
                try {
                    yield Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw new MappingException("'" + abbreviate(text) + "' is not an integer");
                }
            }
            case NUMBER -> {
                try {
                    yield Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    throw new MappingException("'" + abbreviate(text) + "' is not a number");
                }
            }
            case BOOLEAN -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new MappingException("'" + abbreviate(text) + "' is not a boolean (true or false)");
            };
            case TIMESTAMP -> parseTimestamp(text.trim());
            default -> throw new IllegalStateException(this + " is not a scalar type");
        };
    }

    static Instant parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new MappingException("'" + abbreviate(text) + "' is not an ISO-8601 timestamp");
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
