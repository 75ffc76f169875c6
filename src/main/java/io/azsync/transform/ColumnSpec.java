package io.azsync.transform;

import java.util.List;

/**
 * One column of a transform map: where its value comes from (the first path that yields a value
 * wins), its type, the transforms and lookup applied to it, and whether a record without it is
 * rejected.
 */
public record ColumnSpec(String name, List<SourcePath> paths, ColumnType type, List<ValueTransform> transforms,
                         Lookup lookup, boolean required, int line) {
}
