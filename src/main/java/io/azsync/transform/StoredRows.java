package io.azsync.transform;

import io.azsync.core.RunIdentity;

/**
 * What the sink holds, as the mapping step may ask it (the sink implements it; this package does
 * no I/O of its own): the source hashes of a table's live rows, read once per run, so records the
 * source sent unchanged are not mapped again.
 */
public interface StoredRows {

    /**
     * The row hashes of {@code map}'s table as they were when {@code run} first asked (the same
     * object for every later page of that run, which tells it what it writes).
     */
    StoredHashes snapshot(RunIdentity run, TransformMap map);
}
