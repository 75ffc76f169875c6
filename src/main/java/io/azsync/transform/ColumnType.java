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
            // microseconds: what PostgreSQL keeps (it would round the rest), so both sinks store the value the mapper made
            case TIMESTAMP -> parseTimestamp(text.trim()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            default -> throw new IllegalStateException(this + " is not a scalar type");
        };
    }

    static Instant parseTimestamp(String text) {
        Instant fast = parseIsoFast(text);
        if (fast != null) {
            return fast;
        }
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

    /**
     * The common shapes Azure and Graph send ({@code 2024-05-01T10:20:30Z}, with up to 9 fraction
     * digits, {@code Z}, {@code ±hh:mm} or no offset) without a formatter; null for anything else,
     * which the formatter then parses (or rejects).
     */
    static Instant parseIsoFast(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(s, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n) {
            offsetSeconds = 0;
        } else if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
