package io.azsync.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.azsync.core.DeltaState;
import io.azsync.core.PageResult;
import io.azsync.core.Position;
import io.azsync.core.RunIdentity;
import io.azsync.core.StartPosition;
import io.azsync.core.StreamProgress;
import io.azsync.core.SubscriptionScope;
import io.azsync.core.WriteGuard;

/**
 * The record of one stream's run while its exchange travels the route: the ledger id, the scope,
 * and what the committed pages reported (counts, the source's position, whether it was read to its
 * end). The route's steps see it only as {@link StreamProgress}; only this package writes it.
 */
public final class StreamRun implements StreamProgress {

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
    private volatile List<Long> earlierRunIds = List.of();
    private volatile String partialReason;
    private volatile String deletionsBlocked;
    private volatile String stopReason;
    private volatile WriteGuard guard = WriteGuard.NONE;

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

    @Override
    public SubscriptionScope scope() {
        return scope;
    }

    @Override
    public RunIdentity identity() {
        return new RunIdentity(runId, connector, stream, earlierRunIds);
    }

    @Override
    public StartPosition start() {
        return new StartPosition(resumeToken, storedDelta, fullRequested);
    }

    @Override
    public void pageLoaded(PageResult result) {
        pages.incrementAndGet();
        read.addAndGet(result.recordsRead());
        written.addAndGet(result.written());
        unchanged.addAndGet(result.unchanged());
        rejected.addAndGet(result.rejected());
        deleted.addAndGet(result.removed());
        Position position = result.position();
        incremental = position.incremental();
        if (position.partialReason() != null) {
            partial(position.partialReason());
        }
        if (position.nextDelta() != null) {
            nextDeltaLink = position.nextDelta().link();
            deltaFingerprint = position.nextDelta().fingerprint();
        }
        if (position.last()) {
            sourceComplete = true;
        }
        listener.pageLoaded(this);
    }

    private final AtomicLong confirmationsAsked = new AtomicLong();
    private final AtomicLong confirmationsFound = new AtomicLong();

    @Override
    public void confirmed(int asked, int found) {
        confirmationsAsked.addAndGet(asked);
        confirmationsFound.addAndGet(found);
    }

    /** Rows not seen by the read that were asked for again before marking, and how many of them still existed. */
    public long confirmationsAsked() {
        return confirmationsAsked.get();
    }

    public long confirmationsFound() {
        return confirmationsFound.get();
    }

    @Override
    public void markedDeleted(int rows) {
        deleted.addAndGet(rows);
    }

    /** The last page of the source was committed. */
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

    @Override
    public boolean isIncremental() {
        return incremental;
    }

    /** The delta link the next run starts from (saved with this run's success), or null. */
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
    public void resume(String token, List<Long> runIds) {
        resumeToken = token;
        earlierRunIds = List.copyOf(runIds);
    }

    public String resumeToken() {
        return resumeToken;
    }

    /** Runs whose rows count as seen by this run (the ones it resumes). */
    public List<Long> earlierRunIds() {
        return earlierRunIds;
    }

    /** How this run reaches Azure (set by the runner, which puts it on the exchange beside the run). */
    public StreamRun connection(io.azsync.source.AzureConnection value) {
        connection = value;
        return this;
    }

    public io.azsync.source.AzureConnection connection() {
        return connection;
    }

    @Override
    public void pageFailed() {
        pageFailed = true;
    }

    @Override
    public boolean hasFailed() {
        return pageFailed;
    }

    /** True when the last page was loaded and none failed: only then may rows be marked deleted. */
    @Override
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
    @Override
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
    @Override
    public String deletionsBlockedReason() {
        return deletionsBlocked;
    }

    /** Asks the run to stop at the next page boundary (the service stops); {@code reason} becomes its error. */
    public void requestStop(String reason) {
        stopReason = reason;
    }

    /** Why the run was asked to stop, or null. */
    @Override
    public String stopRequested() {
        return stopReason;
    }

    @Override
    public WriteGuard guard() {
        return guard;
    }

    public StreamRun guard(WriteGuard value) {
        guard = value;
        return this;
    }

    private volatile RunStore checkpoints;

    /** The store this run's checkpoints are written to (the one that opened it). */
    StreamRun checkpoints(RunStore store) {
        this.checkpoints = store;
        return this;
    }

    @Override
    public void checkpoint(java.sql.Connection c, String resumeToken) throws java.sql.SQLException {
        if (checkpoints == null) {
            throw new IllegalStateException("run " + runId + " was not opened by a RunStore: it cannot keep checkpoints");
        }
        checkpoints.writeCheckpoint(c, identity(), resumeToken, deletionsBlockedReason());
    }

    @Override
    public void seen(java.sql.Connection c, String table, List<String> columns, long[] hashes) throws java.sql.SQLException {
        store().writeSeen(c, identity(), table, columns, hashes);
    }

    @Override
    public void rejected(java.sql.Connection c, List<io.azsync.core.RejectedRecord> records) throws java.sql.SQLException {
        store().writeRejected(c, identity(), records);
    }

    @Override
    public io.azsync.core.SeenKeys seenKeys(String table) {
        return store().readSeen(identity(), table);
    }

    @Override
    public void sighted(java.sql.Connection c, String table, List<String> scopeValues) throws java.sql.SQLException {
        // the read began when the run started running: a row confirmed by it existed at least then (a claim never later than the truth)
        store().writeSighting(c, identity(), table, scopeValues, runningSince != null ? runningSince : startedAt);
    }

    @Override
    public java.util.Map<String, java.time.Instant> sightings(String table) {
        return store().readSightings(connector, table);
    }

    private RunStore store() {
        if (checkpoints == null) {
            throw new IllegalStateException("run " + runId + " was not opened by a RunStore: it cannot keep what it saw");
        }
        return checkpoints;
    }

    @Override
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
