package io.azsync.core;

import java.util.SortedSet;

/**
 * The top-level fields of the source records a named transform map reads, so a source can ask only
 * for those (Graph's {@code $select}). Bound in the registry; the transform maps provide it.
 */
@FunctionalInterface
public interface SourceFields {

    /** The fields map {@code name} reads, or null when there is no such map. */
    SortedSet<String> of(String name);

    /**
     * A short text that changes whenever what map {@code name} makes of those fields changes (a column renamed,
     * a transform or lookup edited), or null when there is no such map: a source that reads only changes since
     * its last run (Graph's delta) reads in full again when it changed, so every stored row is mapped anew.
     */
    default String mapping(String name) {
        return null;
    }
}
