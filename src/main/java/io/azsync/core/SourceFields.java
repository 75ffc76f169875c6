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
}
