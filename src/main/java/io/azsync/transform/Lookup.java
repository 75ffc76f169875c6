package io.azsync.transform;

import java.util.Locale;
import java.util.Map;

/**
 * A lookup table and default applied after the transforms. No value at all becomes
 * {@code defaultValue}. A value found in {@code values} (exactly, else ignoring case) is replaced;
 * a value not found becomes {@code defaultValue} when one is set, else stays as it is. With no
 * {@code values}, only missing values are replaced.
 */
public record Lookup(Map<String, String> values, String defaultValue) {

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
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return entry.getValue();
            }
        }
        return defaultValue != null ? defaultValue : value;
    }
}
