package io.azsync.core;

/**
 * Where a source starts: the resume token of an interrupted run (or null), the delta state the last
 * successful run left (or null), and whether a full reconciliation was asked for ({@code sync --full}:
 * the stored delta link is not used).
 */
public record StartPosition(String resumeToken, DeltaState storedDelta, boolean fullRequested) {

    /** A fresh full read. */
    public static final StartPosition FULL = new StartPosition(null, null, true);
}
