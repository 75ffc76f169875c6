package io.azsync.transform;

import java.util.List;

/**
 * One column of a transform map: where its value comes from (the first path that yields a value
 * wins), its type, the transforms and lookup applied to it, and whether a record without it is
 * rejected. An optional {@code pattern} keeps only values matching a regular expression (its first
 * group, when it has one, becomes the value); for a single-value column over many values, the
 * first match wins. A json column may keep only some {@code fields} of its objects (of each object
 * of an array): what a credential list holds besides key ids and dates stays out of the table.
 */
public record ColumnSpec(String name, List<SourcePath> paths, ColumnType type, List<ValueTransform> transforms,
                         Lookup lookup, boolean required, int line, java.util.regex.Pattern pattern, List<String> fields) {

    public ColumnSpec(String name, List<SourcePath> paths, ColumnType type, List<ValueTransform> transforms, Lookup lookup,
                      boolean required, int line) {
        this(name, paths, type, transforms, lookup, required, line, null, null);
    }

    /** The same column, required (a key column is). */
    public ColumnSpec asRequired() {
        return new ColumnSpec(name, paths, type, transforms, lookup, true, line, pattern, fields);
    }
}
