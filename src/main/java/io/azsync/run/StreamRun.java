package io.azsync.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.azsync.source.SubscriptionScope;

/**
 * The state of one stream's run while its exchange travels the route: the ledger id, the scope,
 * the counters every step adds to, and whether the source was read to its end. It rides on the
 * exchange as property {@value #PROPERTY}.
 */
public final class StreamRun {

    public static final String PROPERTY = "azsync.run";

    /** Notified after each loaded page, e.g. to print progress. */
    @FunctionalInterface
    public interface Listener {
        void pageLoaded(StreamRun run);
    }

    private final long runId;
    private final String connector;
    private final String stream;
    private final Trigger trigger;
    private final Instant startedAt;
    private final SubscriptionScope scope;
    private final Listener listener;

    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private volatile boolean sourceComplete;
    private volatile boolean pageFailed;
    private final boolean fullRequested;
    private volatile DeltaState storedDelta;
    private volatile boolean incremental;
    private volatile String nextDeltaLink;
    private volatile String deltaFingerprint;
    private volatile io.azsync.source.AzureConnection connection;
    private volatile String resumeToken;
    private volatile java.util.List<Long> earlierRunIds = java.util.List.of();
    private volatile String partialReason;
    private volatile String deletionsBlocked;
    private volatile String stopReason;
    private volatile io.azsync.sink.WriteGuard guard = io.azsync.sink.WriteGuard.NONE;

    public StreamRun(long runId, String connector, String stream, Trigger trigger, Instant startedAt, SubscriptionScope scope,
                     Listener listener) {
        this(runId, connector, stream, trigger, startedAt, scope, listener, false, null);
    }

    /**
     * @param fullRequested   a full reconciliation was asked for ({@code sync --full}): stored delta links are ignored
     * @param storedDelta   where the last successful run of this stream left off, or null
     */
    public StreamRun(long runId, String connector, String stream, Trigger trigger, Instant startedAt, SubscriptionScope scope,
                     Listener listener, boolean fullRequested, DeltaState storedDelta) {
        this.fullRequested = fullRequested;
        this.storedDelta = storedDelta;
        this.runId = runId;
        this.connector = connector;
        this.stream = stream;
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.scope = scope;
        this.listener = listener == null ? r -> { } : listener;
    }

    public long runId() {
        return runId;
    }

    public String connector() {
        return connector;
    }

    public String stream() {
        return stream;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public SubscriptionScope scope() {
        return scope;
    }

    public void pageLoaded(int recordsRead, int rowsWritten, int rowsUnchanged, int rowsRejected) {
        pages.incrementAndGet();
        read.addAndGet(recordsRead);
        written.addAndGet(rowsWritten);
        unchanged.addAndGet(rowsUnchanged);
        rejected.addAndGet(rowsRejected);
        listener.pageLoaded(this);
    }

    public void markedDeleted(int rows) {
        deleted.addAndGet(rows);
    }

    /** The source said it has no more pages. */
    public void sourceComplete() {
        sourceComplete = true;
    }

    public boolean isSourceComplete() {
        return sourceComplete;
    }

    public boolean isFullRequested() {
        return fullRequested;
    }

    /** Where the last successful run left off, or null. */
    public DeltaState storedDelta() {
        return storedDelta;
    }

    /** Set when the run starts (read under the stream's lease). */
    void storedDelta(DeltaState value) {
        storedDelta = value;
    }

    /** The source reads only changes since the stored delta link: rows not seen are not deleted. */
    public void incremental(boolean value) {
        incremental = value;
    }

    public boolean isIncremental() {
        return incremental;
    }

    /**
     * The delta link to start the next run from, saved with the run's success (after every page was
     * committed), with a fingerprint of the request that produced it.
     */
    public void nextDeltaLink(String link, String fingerprint) {
        nextDeltaLink = link;
        deltaFingerprint = fingerprint;
    }

    public String nextDeltaLink() {
        return nextDeltaLink;
    }

    public String deltaFingerprint() {
        return deltaFingerprint;
    }

    /**
     * Continues where an earlier run of this stream was cut off (killed, or the database lost):
     * the source starts at {@code token}, and rows those runs loaded count as seen by this one.
     */
    public void resume(String token, java.util.List<Long> runIds) {
        resumeToken = token;
        earlierRunIds = java.util.List.copyOf(runIds);
    }

    public String resumeToken() {
        return resumeToken;
    }

    /** Runs whose rows count as seen by this run (the ones it resumes). */
    public java.util.List<Long> earlierRunIds() {
        return earlierRunIds;
    }

    /** How this run reaches Azure (set by the runner before the exchange is sent). */
    public StreamRun connection(io.azsync.source.AzureConnection value) {
        connection = value;
        return this;
    }

    public io.azsync.source.AzureConnection connection() {
        if (connection == null) {
            throw new IllegalStateException("stream run " + runId + " has no Azure connection: runs are started by azsync's runner");
        }
        return connection;
    }

    /** A page could not be loaded; the run can no longer mark anything deleted. */
    public void pageFailed() {
        pageFailed = true;
    }

    /** True when every page was read and none failed to load: only then may rows be marked deleted. */
    public boolean isComplete() {
        return sourceComplete && !pageFailed;
    }

    /**
     * Part of the scope could not be read (named in {@code reason}): the run ends {@code partial},
     * and deletion marking stays within what was read. Several reasons are kept, in order.
     */
    public synchronized void partial(String reason) {
        if (partialReason == null) {
            partialReason = reason;
        } else if (!partialReason.contains(reason)) {
            partialReason = partialReason + "; " + reason;
        }
    }

    /**
     * A record was rejected without a readable key: the run cannot tell which row it was, so it marks
     * nothing deleted and ends {@code partial} with the reason.
     */
    public void unkeyedRejection(String reason) {
        if (deletionsBlocked == null) {
            deletionsBlocked = reason;
        }
        partial(reason);
    }

    /** True when a rejected record without a key (in this run or a run it resumes) forbids marking rows deleted. */
    public boolean deletionsBlocked() {
        return deletionsBlocked != null;
    }

    /** Why rows may not be marked deleted, or null; kept with the checkpoint so a resuming run inherits it. */
    public String deletionsBlockedReason() {
        return deletionsBlocked;
    }

    /** Asks the run to stop at the next page boundary (the service stops); {@code reason} becomes its error. */
    public void requestStop(String reason) {
        stopReason = reason;
    }

    /** Why the run was asked to stop, or null. */
    public String stopRequested() {
        return stopReason;
    }

    /** The check every writing transaction of this run makes (the stream's lease is still held). */
    public io.azsync.sink.WriteGuard guard() {
        return guard;
    }

    public StreamRun guard(io.azsync.sink.WriteGuard value) {
        guard = value;
        return this;
    }

    /** Why the run covered only part of its scope, or null. */
    public String partialReason() {
        return partialReason;
    }

    public long pages() {
        return pages.get();
    }

    public long recordsRead() {
        return read.get();
    }

    public long recordsWritten() {
        return written.get();
    }

    public long recordsUnchanged() {
        return unchanged.get();
    }

    public long recordsRejected() {
        return rejected.get();
    }

    public long recordsDeleted() {
        return deleted.get();
    }

    private volatile Instant runningSince;

    /** The run leaves the queue and starts working now. */
    public void started() {
        runningSince = Instant.now();
    }

    /** True once the run left the queue (it may have written pages). */
    public boolean hasStarted() {
        return runningSince != null;
    }

    /** Time since the run started working (not counting time queued behind other streams). */
    public Duration elapsed() {
        return Duration.between(runningSince != null ? runningSince : startedAt, Instant.now());
    }
}
