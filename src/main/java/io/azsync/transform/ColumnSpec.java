package io.azsync.transform;

import java.util.List;

/**
 * One column of a transform map: where its value comes from (the first path that yields a value
 * wins), its type, the transforms and lookup applied to it, and whether a record without it is
 * rejected. An optional {@code pattern} keeps only values matching a regular expression (its first
 * group, when it has one, becomes the value); for a single-value column over many values, the
 * first match wins.
 */
public record ColumnSpec(String name, List<SourcePath> paths, ColumnType type, List<ValueTransform> transforms,
                         Lookup lookup, boolean required, int line, java.util.regex.Pattern pattern) {

    public ColumnSpec(String name, List<SourcePath> paths, ColumnType type, List<ValueTransform> transforms, Lookup lookup,
                      boolean required, int line) {
        this(name, paths, type, transforms, lookup, required, line, null);
    }
}
