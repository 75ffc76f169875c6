package io.azsync.transform;

import java.util.List;
import java.util.Set;

/**
 * What the sink holds, as the mapping step may ask it (the sink implements it; this package does
 * no I/O of its own): which of some keys are stored live with the same row hash, so records the
 * source sent unchanged are not mapped again.
 */
public interface StoredRows {

    /**
     * The keys of {@code rows} (rows holding at least their key columns and their hash) whose stored
     * row in {@code map}'s table is live and has the same hash.
     */
    Set<String> unchanged(TransformMap map, List<MappedRow> rows);
}
