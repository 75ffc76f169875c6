package io.azsync.transform;

import java.util.List;

/**
 * A record mapped to a row: values in the order of the map's columns, the key (joined key column
 * values) and a hash of the values, which the sink compares to skip unchanged rows.
 */
public record MappedRow(String key, Object[] values, String hash) {

    public Object value(int index) {
        return values[index];
    }

    public static String joinKey(List<Object> parts) {
        if (parts.size() == 1) {
            return String.valueOf(parts.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (sb.length() > 0) {
                sb.append('\u001f');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
