package io.azsync.transform;

import java.util.Locale;
import java.util.Map;

/**
 * A lookup table and default applied after the transforms. No value at all becomes
 * {@code defaultValue}. A value found in {@code values} (exactly, else ignoring case) is replaced;
 * a value not found becomes {@code defaultValue} when one is set, else stays as it is. With no
 * {@code values}, only missing values are replaced.
 */
public record Lookup(Map<String, String> values, String defaultValue, boolean keepUnmatched, Map<String, String> lowerCased) {

    public Lookup(Map<String, String> values, String defaultValue) {
        this(values, defaultValue, true);
    }

    /** @param keepUnmatched false: a value not in the table (and no default) becomes no value (dropped from a list) */
    public Lookup(Map<String, String> values, String defaultValue, boolean keepUnmatched) {
        this(values, defaultValue, keepUnmatched, lower(values));
    }

    private static Map<String, String> lower(Map<String, String> values) {
        Map<String, String> out = new java.util.HashMap<>();
        values.forEach((k, v) -> out.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    public String apply(String value) {
        if (value == null) {
            return defaultValue;
        }
        if (values.isEmpty()) {
            return value;
        }
        String exact = values.get(value);
        if (exact != null) {
            return exact;
        }
        String folded = lowerCased.get(value.toLowerCase(Locale.ROOT));
        if (folded != null) {
            return folded;
        }
        return defaultValue != null ? defaultValue : keepUnmatched ? value : null;
    }
}
