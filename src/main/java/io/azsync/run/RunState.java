package io.azsync.run;

/** States of a run in {@code sync_runs.state}. */
public enum RunState {
    /** Accepted (e.g. "sync now" from the API) and waiting for the streams before it. */
    QUEUED,
    /** Started and not finished (or the process died: the next run of the stream marks it failed). */
    RUNNING,
    /** Every page was read and loaded; rows not seen were marked deleted. */
    SUCCEEDED,
    /**
     * Every page was read and loaded, but part of the scope could not be read (a subscription the
     * principal cannot see): that part's rows were kept as they were, not refreshed and not marked
     * deleted; the reason is in {@code error}.
     */
    PARTIAL,
    /** Something failed; pages loaded before the failure stay, nothing was marked deleted. */
    FAILED,
    /**
     * Not run: another process was running the same stream of the same connector (it held the
     * stream's lease); {@code error} names it. Nothing was read or written.
     */
    SKIPPED,
    /** Queued, and never started: the service stopped, or the process that queued it ended. */
    CANCELLED;

    public String dbValue() {
        return name().toLowerCase();
    }
}
