package io.azsync.transform;

import java.util.List;

/**
 * A validated transform map ({@code transform-maps/<stream>.yaml}): the target table, its key, the
 * optional scope column that limits deletion marking to the run's scope, and the columns.
 */
public record TransformMap(String name, String file, String table, List<String> keyColumns, String scopeColumn,
                           SourcePath each, List<ColumnSpec> columns) {

    /**
     * The top-level fields of the source record this map reads, for Graph's {@code $select}:
     * {@code id}, the first field of every record path, and for {@code each} its array field (with
     * Graph's {@code @delta} suffix removed). Element paths of {@code each} are not record fields.
     */
    public java.util.SortedSet<String> sourceFields() {
        java.util.SortedSet<String> fields = new java.util.TreeSet<>();
        fields.add("id");
        if (each != null) {
            fields.add(each.firstField().replaceFirst("@delta$", ""));
        }
        for (ColumnSpec column : columns) {
            for (SourcePath path : column.paths()) {
                boolean recordLevel = each == null ? !path.parent() : path.parent();
                String first = path.firstField();
                if (recordLevel && first != null && !first.startsWith("@")) {
                    fields.add(first);
                }
            }
        }
        return fields;
    }

    /**
     * The version of how the mapping code turns a source value into a column value: raised whenever
     * the same source and map give different values (2: timestamps kept to the microsecond).
     */
    public static final int MAPPING_VERSION = 2;

    /**
     * Everything about the map that shapes its rows (table, key, scope, each, and per column its
     * paths, type, transforms, lookup, requiredness and pattern), but not where its file lies or on
     * which line a column is: a row hash made from the source text includes it, so a changed map
     * rewrites its rows once. It starts with {@link #MAPPING_VERSION}, so a release that maps the same
     * source differently rewrites them once too.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder("v").append(MAPPING_VERSION).append('|').append(table).append('|').append(keyColumns)
                .append('|').append(scopeColumn).append('|').append(each);
        for (ColumnSpec c : columns) {
            sb.append('|').append(c.name()).append(':').append(c.paths()).append(':').append(c.type()).append(':')
                    .append(c.transforms()).append(':').append(lookupText(c.lookup())).append(':').append(c.required()).append(':')
                    .append(c.pattern()).append(c.fields() == null ? "" : ":" + c.fields());
        }
        return sb.toString();
    }

    /** A lookup as text in a fixed order (an immutable map's iteration order changes from one JVM to the next). */
    private static String lookupText(Lookup lookup) {
        return lookup == null ? "" : new java.util.TreeMap<>(lookup.values()) + "/" + lookup.defaultValue() + "/" + lookup.keepUnmatched();
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public ColumnSpec column(String name) {
        int i = indexOf(name);
        return i < 0 ? null : columns.get(i);
    }
}
