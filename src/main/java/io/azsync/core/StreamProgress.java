package io.azsync.core;

import org.apache.camel.Exchange;

/**
 * The running stream as the route's steps see it. Sources read where to start; the sink reads who
 * writes and reports what each committed page did. Only the run package implements it (and records
 * the run); components never see how. It rides on the exchange as property {@value #PROPERTY}.
 */
public interface StreamProgress {

    String PROPERTY = "azsync.run";

    /** The stream run the exchange carries; fails with the reason when a route is used outside a run. */
    static StreamProgress of(Exchange exchange) {
        StreamProgress run = exchange.getProperty(PROPERTY, StreamProgress.class);
        if (run == null) {
            throw new IllegalStateException("no stream run on the exchange: stream routes are started by azsync "
                    + "(sync, the scheduler or the API), which opens the run in sync_runs first");
        }
        return run;
    }

    RunIdentity identity();

    StartPosition start();

    /** The subscriptions in scope, or null for a stream that is not scoped by subscription. */
    SubscriptionScope scope();

    /** The check every writing transaction of this run makes (its lease is still held). */
    WriteGuard guard();

    /**
     * Stores where the source continues after the page being committed ({@code resumeToken}; none
     * after the last page), inside that page's transaction {@code c}, so a run cut off later resumes
     * exactly after what was committed. The run package keeps it; the sink only calls this.
     */
    void checkpoint(java.sql.Connection c, String resumeToken) throws java.sql.SQLException;

    /**
     * Keeps, in the page's transaction {@code c}, the hashes ({@link SeenKeys#hash}) of the values of
     * {@code columns} the page showed in {@code table}: rows seen, whether written or not.
     */
    void seen(java.sql.Connection c, String table, java.util.List<String> columns, long[] hashes) throws java.sql.SQLException;

    /**
     * Keeps, in the page's transaction {@code c}, the records of that page that could not be loaded
     * ({@code rejected_records}), so they are committed or rolled back with the page.
     */
    void rejected(java.sql.Connection c, java.util.List<RejectedRecord> records) throws java.sql.SQLException;

    /** What this run (and the runs it resumes) saw in {@code table}. */
    SeenKeys seenKeys(String table);

    /**
     * Every live row of {@code table} in {@code scopeValues} (empty: the connector's whole scope) was
     * confirmed present by this run, in the transaction {@code c} that marked the rest deleted.
     */
    void sighted(java.sql.Connection c, String table, java.util.List<String> scopeValues) throws java.sql.SQLException;

    /** When every live row of {@code table} was last confirmed present, per scope value ({@code *}: the connector's whole scope). */
    java.util.Map<String, java.time.Instant> sightings(String table);

    /** A page and its position were committed. */
    void pageLoaded(PageResult result);

    /** A page could not be loaded: the run can no longer mark anything deleted. */
    void pageFailed();

    /** A page failed to load, or the run stopped at a page: the rest of the source will not be loaded. */
    default boolean hasFailed() {
        return false;
    }

    /** Rows of the stream's scope were marked deleted. */
    void markedDeleted(int rows);

    /** Rows not seen by the read were asked for again: {@code asked} of them, {@code found} still exist. */
    default void confirmed(int asked, int found) {
    }

    /** A record was rejected without a readable key: the run marks nothing deleted and ends partial. */
    void unkeyedRejection(String reason);

    /** Why rows may not be marked deleted (kept with the checkpoint so a resuming run inherits it), or null. */
    String deletionsBlockedReason();

    /** Why the run was asked to stop at the next page boundary, or null. */
    String stopRequested();

    /** The last committed page was the source's last. */
    boolean isComplete();

    /** The source read only changes: rows not seen are not gone. */
    boolean isIncremental();

    /** Why the run covered only part of its scope, or null. */
    String partialReason();
}
