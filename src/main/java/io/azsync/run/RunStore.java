package io.azsync.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.azsync.core.DeltaState;
import io.azsync.sink.Database;
import io.azsync.sink.Dialect;
import io.azsync.core.SubscriptionScope;

/**
 * Every SQL statement about runs, in one place: the ledger in {@code sync_runs} (a row per stream
 * run with its owner process, opened as {@code queued}, {@code running} once it holds its stream's
 * lease, closed as {@code succeeded}, {@code partial}, {@code failed}, {@code skipped} or
 * {@code cancelled} with its counts and error), the checkpoints in {@code sync_checkpoints}
 * (written inside each page's transaction), the delta state in {@code sync_state}, and the
 * connectors' states in {@code connector_states}, the keys each run saw in {@code sync_seen_keys}
 * and when a table's live rows were last confirmed in {@code table_sightings}. Leases and process heartbeats are
 * {@link StreamLeases}; runs a dead process left open are closed by
 * {@link StreamLeases#closeRunsOfDeadOwners()}.
 */
public final class RunStore {

    /** Longest error text kept in {@code sync_runs.error}. */
    static final int MAX_ERROR_LENGTH = 4000;

    private final Database database;
    private final Clock clock;
    private final String owner;

    /** A ledger whose runs have no recorded owner (tools reading history). */
    public RunStore(Database database) {
        this(database, Clock.systemUTC(), null);
    }

    /** @param owner the process that opens runs through this ledger ({@link ProcessIdentity#holder()}) */
    public RunStore(Database database, String owner) {
        this(database, Clock.systemUTC(), owner);
    }

    public RunStore(Database database, Clock clock, String owner) {
        this.database = database;
        this.clock = clock;
        this.owner = owner;
    }

    /** Opens a run as {@code queued}: it gets its id now and starts later ({@link #started}), once it holds its stream's lease. */
    public StreamRun queue(String connector, String stream, Trigger trigger, SubscriptionScope scope, StreamRun.Listener listener,
                           boolean full) {
        Dialect dialect = database.dialect();
        Instant now = clock.instant();
        long id = database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(dialect.returning("INSERT INTO sync_runs (connector, stream, trigger, state, "
                    + "started_at, owner) VALUES (?, ?, ?, ?, ?, ?)", "run_id"))) {
                ps.setString(1, connector);
                ps.setString(2, stream);
                ps.setString(3, trigger.dbValue());
                ps.setString(4, RunState.QUEUED.dbValue());
                dialect.bindInstant(ps, 5, now);
                ps.setString(6, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new StreamRun(id, connector, stream, trigger, now, scope, listener, full, null).checkpoints(this);
    }

    /** A queued run starts (it holds its stream's lease): state running, started_at now, and where the stream stands. */
    public void started(StreamRun run) {
        loadResumeState(run);
        Dialect dialect = database.dialect();
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET state = ?, started_at = ? WHERE run_id = ?")) {
                ps.setString(1, RunState.RUNNING.dbValue());
                dialect.bindInstant(ps, 2, clock.instant());
                ps.setLong(3, run.runId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Hands the run where its stream stands: the checkpoint of a run that was cut off (resumed by
     * this one) and the stored delta link. Read when the run starts, after it took the stream's
     * lease, never while another run of the stream may still be writing them.
     */
    private java.util.function.Function<String, java.time.Duration> fullReconciliation = connector -> null;

    /** Per connector: delta streams are read in full when their last full read is older than this (null: never forced). */
    public RunStore fullReconciliationEvery(java.util.function.Function<String, java.time.Duration> everyByConnector) {
        this.fullReconciliation = everyByConnector;
        return this;
    }

    private void loadResumeState(StreamRun run) {
        DeltaState[] stored = new DeltaState[1];
        String[] checkpoint = new String[3];
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_ids, resume_token, blocked_reason FROM sync_checkpoints WHERE connector = ? AND stream = ?")) {
                ps.setString(1, run.connector());
                ps.setString(2, run.stream());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        checkpoint[0] = rs.getString(1);
                        checkpoint[1] = rs.getString(2);
                        checkpoint[2] = rs.getString(3);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT delta_link, fingerprint, full_read_at FROM sync_state "
                    + "WHERE connector = ? AND stream = ?")) {
                ps.setString(1, run.connector());
                ps.setString(2, run.stream());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored[0] = new DeltaState(rs.getString(1), rs.getString(2));
                        java.time.Instant fullAt = database.dialect().readInstant(rs, "full_read_at");
                        java.time.Duration fullReconciliationEvery = fullReconciliation.apply(run.connector());
                        if (fullReconciliationEvery != null && (fullAt == null
                                || fullAt.plus(fullReconciliationEvery).isBefore(clock.instant()))) {
                            org.slf4j.LoggerFactory.getLogger(RunStore.class).info("Stream {}: last read in full {}; a full read reconciles "
                                    + "it now (AZSYNC_DELTA_FULL_EVERY {})", run.stream(), fullAt == null ? "before this was recorded"
                                    : "at " + fullAt, fullReconciliationEvery);
                            stored[0] = null;
                        }
                    }
                }
            }
            return null;
        });
        run.storedDelta(stored[0]);
        if (checkpoint[0] == null) {
            // no run to resume: what earlier runs of the stream saw counts for nothing any more
            clearSeen(run.connector(), run.stream());
        }
        if (checkpoint[0] != null) {
            run.resume(checkpoint[1], java.util.Arrays.stream(checkpoint[0].split(",")).map(Long::valueOf).toList());
            if (checkpoint[2] != null) {
                run.unkeyedRejection(checkpoint[2]);
            }
        }
    }

    /** A run that could not start because another process runs its stream: closed as skipped with the reason. */
    public void skip(StreamRun run, String reason) {
        finish(run, RunState.SKIPPED, reason);
    }

    /** A queued run that will not start (the service stops): closed as cancelled with the reason. */
    public void cancel(StreamRun run, String reason) {
        finish(run, RunState.CANCELLED, reason);
    }

    /** The run read and loaded every page: succeeded, or partial when part of its scope could not be read. */
    public RunState succeed(StreamRun run) {
        RunState state = run.partialReason() == null ? RunState.SUCCEEDED : RunState.PARTIAL;
        finish(run, state, run.partialReason());
        return state;
    }

    public void fail(StreamRun run, String error) {
        finish(run, RunState.FAILED, error == null ? "failed without a message" : error);
    }

    private void finish(StreamRun run, RunState state, String error) {
        Dialect dialect = database.dialect();
        database.inTransaction(c -> {
            if (state == RunState.SUCCEEDED || state == RunState.PARTIAL) {
                // the checkpoint and delta link are the stream's: only the lease's holder may move them
                run.guard().check(c);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET state = ?, finished_at = ?, pages = ?, "
                    + "records_read = ?, records_written = ?, records_unchanged = ?, records_rejected = ?, records_deleted = ?, "
                    + "error = ? WHERE run_id = ?")) {
                ps.setString(1, state.dbValue());
                dialect.bindInstant(ps, 2, clock.instant());
                ps.setLong(3, run.pages());
                ps.setLong(4, run.recordsRead());
                ps.setLong(5, run.recordsWritten());
                ps.setLong(6, run.recordsUnchanged());
                ps.setLong(7, run.recordsRejected());
                ps.setLong(8, run.recordsDeleted());
                ps.setString(9, storable(error));
                ps.setLong(10, run.runId());
                ps.executeUpdate();
            }
            if (state == RunState.SUCCEEDED || state == RunState.PARTIAL) {
                for (String table : List.of("sync_checkpoints", "sync_seen_keys")) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE connector = ? AND stream = ?")) {
                        ps.setString(1, run.connector());
                        ps.setString(2, run.stream());
                        ps.executeUpdate();
                    }
                }
            }
            if ((state == RunState.SUCCEEDED || state == RunState.PARTIAL) && run.nextDeltaLink() != null) {
                // saved with the run's success, after every page of the run was committed
                // a full read also records when the stream was last reconciled in full (a delta run keeps that time)
                boolean full = !run.isIncremental() && run.deletionsBlockedReason() == null;
                List<String> updated = new java.util.ArrayList<>(List.of("delta_link", "fingerprint", "updated_at"));
                if (full) {
                    updated.add("full_read_at");
                }
                try (PreparedStatement ps = c.prepareStatement(dialect.insertOrUpdate("sync_state", List.of("connector", "stream", "delta_link",
                        "fingerprint", "updated_at", "full_read_at"), List.of("connector", "stream"), updated))) {
                    ps.setString(1, run.connector());
                    ps.setString(2, run.stream());
                    ps.setString(3, run.nextDeltaLink());
                    ps.setString(4, run.deltaFingerprint());
                    dialect.bindInstant(ps, 5, clock.instant());
                    if (full) {
                        dialect.bindInstant(ps, 6, clock.instant());
                    } else {
                        ps.setNull(6, java.sql.Types.TIMESTAMP);
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * An error text the ledger can always store: no NUL or other control characters (PostgreSQL
     * refuses NUL in text), and at most {@value #MAX_ERROR_LENGTH} characters.
     */
    static String storable(String error) {
        if (error == null) {
            return null;
        }
        String clean = io.azsync.config.Secrets.redact(error).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ");
        if (clean.length() <= MAX_ERROR_LENGTH) {
            return clean;
        }
        return clean.substring(0, MAX_ERROR_LENGTH) + "… (" + (clean.length() - MAX_ERROR_LENGTH) + " more characters)";
    }

    /** The most recent runs, newest first; {@code stream} null for all streams. */
    public List<RunRecord> recent(int limit, String stream) {
        return recent(limit, null, stream);
    }

    /** The most recent runs of a connector (null: all), newest first; {@code stream} null for all streams. */
    public List<RunRecord> recent(int limit, String connector, String stream) {
        Dialect dialect = database.dialect();
        return database.inTransaction(c -> {
            String where = (connector == null ? "" : " AND connector = ?") + (stream == null ? "" : " AND stream = ?");
            String sql = dialect.firstRows("SELECT * FROM sync_runs WHERE 1 = 1" + where + " ORDER BY run_id DESC", "?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (connector != null) {
                    ps.setString(i++, connector);
                }
                if (stream != null) {
                    ps.setString(i++, stream);
                }
                ps.setInt(i, limit);
                List<RunRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunRecord(rs.getLong("run_id"), rs.getString("connector"), rs.getString("stream"),
                                rs.getString("trigger"), rs.getString("state"), dialect.readInstant(rs, "started_at"),
                                dialect.readInstant(rs, "finished_at"), rs.getLong("pages"), rs.getLong("records_read"),
                                rs.getLong("records_written"), rs.getLong("records_unchanged"), rs.getLong("records_rejected"),
                                rs.getLong("records_deleted"), rs.getString("error")));
                    }
                }
                return out;
            }
        });
    }

    /** One connector's recorded state in {@code connector_states}, written by the service as it changes. */
    public record ConnectorEntry(String connector, String state, Instant nextFireTime, Instant lastRunStart, Instant lastRunEnd,
                        long consecutiveFailures, String lastError, Instant updatedAt) {
    }

    public void saveConnectorState(ConnectorEntry e) {
        Dialect d = database.dialect();
        database.inTransaction(c -> {
            List<String> updated = List.of("state", "next_fire_time", "last_run_start", "last_run_end", "consecutive_failures", "last_error",
                    "updated_at");
            List<String> columns = new java.util.ArrayList<>(List.of("connector"));
            columns.addAll(updated);
            try (PreparedStatement ps = c.prepareStatement(d.insertOrUpdate("connector_states", columns, List.of("connector"), updated))) {
                ps.setString(1, e.connector());
                ps.setString(2, e.state());
                d.bindInstant(ps, 3, e.nextFireTime());
                d.bindInstant(ps, 4, e.lastRunStart());
                d.bindInstant(ps, 5, e.lastRunEnd());
                ps.setLong(6, e.consecutiveFailures());
                ps.setString(7, storable(e.lastError()));
                d.bindInstant(ps, 8, e.updatedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Map<String, ConnectorEntry> connectorStates() {
        Dialect d = database.dialect();
        return database.inTransaction(c -> {
            Map<String, ConnectorEntry> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM connector_states ORDER BY connector");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("connector"), new ConnectorEntry(rs.getString("connector"), rs.getString("state"),
                            d.readInstant(rs, "next_fire_time"), d.readInstant(rs, "last_run_start"), d.readInstant(rs, "last_run_end"),
                            rs.getLong("consecutive_failures"), rs.getString("last_error"), d.readInstant(rs, "updated_at")));
                }
            }
            return out;
        });
    }

    /**
     * When the group's last run started (any stream of the group, any trigger), or null when there
     * was none or it did not finish: one that a stop or a dead process cut off (failed as stopped or
     * interrupted, or cancelled) makes the group due at once. Runs skipped because another process
     * ran the stream do not count.
     */
    public Instant lastGroupRunStart(String connector, String group) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(database.dialect().firstRows("SELECT started_at, state, error FROM sync_runs "
                    + "WHERE connector = ? AND stream LIKE ? AND state <> ? ORDER BY run_id DESC", "1"))) {
                ps.setString(1, connector);
                ps.setString(2, group + "-%");
                ps.setString(3, RunState.SKIPPED.dbValue());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || cutOff(rs.getString("state"), rs.getString("error"))) {
                        return null;
                    }
                    return database.dialect().readInstant(rs, "started_at");
                }
            }
        });
    }

    static boolean cutOff(String state, String error) {
        return RunState.CANCELLED.dbValue().equals(state) || RunState.RUNNING.dbValue().equals(state)
                || RunState.QUEUED.dbValue().equals(state)
                || (RunState.FAILED.dbValue().equals(state) && error != null
                    && (error.startsWith("interrupted") || error.startsWith("stopped")));
    }

    /**
     * Stores where the source continues after a page, in that page's transaction, so a run cut off
     * later resumes exactly after what was committed (none after the last page), with the runs whose
     * rows count as seen and the reason deletions are blocked, if any.
     */
    void writeCheckpoint(Connection c, io.azsync.core.RunIdentity run, String resumeToken, String blockedReason) throws SQLException {
        Dialect dialect = database.dialect();
        if (resumeToken == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sync_checkpoints WHERE connector = ? AND stream = ?")) {
                ps.setString(1, run.connector());
                ps.setString(2, run.stream());
                ps.executeUpdate();
            }
            return;
        }
        List<Long> ids = run.seenBy();
        try (PreparedStatement ps = c.prepareStatement(dialect.insertOrUpdate("sync_checkpoints", List.of("connector", "stream", "run_ids",
                "resume_token", "updated_at", "blocked_reason"), List.of("connector", "stream"),
                List.of("run_ids", "resume_token", "updated_at", "blocked_reason")))) {
            ps.setString(1, run.connector());
            ps.setString(2, run.stream());
            ps.setString(3, ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
            ps.setString(4, resumeToken);
            dialect.bindInstant(ps, 5, clock.instant());
            ps.setString(6, blockedReason);
            ps.executeUpdate();
        }
    }

    /** Keeps the hashes of keys a page showed in one table, in that page's transaction {@code c}. */
    void writeSeen(Connection c, io.azsync.core.RunIdentity run, String table, List<String> columns, long[] hashes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_seen_keys (run_id, connector, stream, table_name, key_columns, "
                + "key_hashes) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, run.runId());
            ps.setString(2, run.connector());
            ps.setString(3, run.stream());
            ps.setString(4, table);
            ps.setString(5, String.join(",", columns));
            ps.setBytes(6, io.azsync.core.SeenKeys.pack(hashes));
            ps.executeUpdate();
        }
    }

    /** Keeps the records a page could not load, in that page's transaction {@code c}. */
    void writeRejected(Connection c, io.azsync.core.RunIdentity run, List<io.azsync.core.RejectedRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rejected_records (run_id, connector, stream, reason, raw_payload, rejected_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (io.azsync.core.RejectedRecord r : records) {
                ps.setLong(1, run.runId());
                ps.setString(2, run.connector());
                ps.setString(3, run.stream());
                ps.setString(4, r.reason());
                ps.setString(5, r.rawPayload());
                database.dialect().bindInstant(ps, 6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** What the run and the runs it resumes saw in one table. */
    io.azsync.core.SeenKeys readSeen(io.azsync.core.RunIdentity run, String table) {
        List<Long> runs = run.seenBy();
        return database.inTransaction(c -> {
            io.azsync.core.SeenKeys.Builder seen = new io.azsync.core.SeenKeys.Builder();
            try (PreparedStatement ps = c.prepareStatement("SELECT key_columns, key_hashes FROM sync_seen_keys WHERE connector = ? "
                    + "AND stream = ? AND table_name = ? AND run_id IN (" + String.join(", ", java.util.Collections.nCopies(runs.size(), "?"))
                    + ")")) {
                ps.setString(1, run.connector());
                ps.setString(2, run.stream());
                ps.setString(3, table);
                for (int i = 0; i < runs.size(); i++) {
                    ps.setLong(4 + i, runs.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(List.of(rs.getString(1).split(",")), rs.getBytes(2));
                    }
                }
            }
            return seen.build();
        });
    }

    private void clearSeen(String connector, String stream) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sync_seen_keys WHERE connector = ? AND stream = ?")) {
                ps.setString(1, connector);
                ps.setString(2, stream);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records that every live row of a table in these scope values ({@code *}: the connector's whole
     * scope) was confirmed present by the run, in the transaction {@code c} that marked the others,
     * as of {@code seenAt} (when the run's read began).
     */
    void writeSighting(Connection c, io.azsync.core.RunIdentity run, String table, List<String> scopeValues, Instant seenAt)
            throws SQLException {
        Dialect dialect = database.dialect();
        if (!run.earlierRunIds().isEmpty()) {
            // a resumed read: what the runs it resumes saw, they saw when they began, so the claim is never later than that
            try (PreparedStatement ps = c.prepareStatement("SELECT started_at FROM sync_runs WHERE run_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(run.earlierRunIds().size(), "?")) + ")")) {
                for (int i = 0; i < run.earlierRunIds().size(); i++) {
                    ps.setLong(i + 1, run.earlierRunIds().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant began = dialect.readInstant(rs, "started_at");
                        if (began != null && began.isBefore(seenAt)) {
                            seenAt = began;
                        }
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.insertOrUpdate("table_sightings", List.of("connector", "table_name",
                "scope_value", "seen_at", "run_id"), List.of("connector", "table_name", "scope_value"), List.of("seen_at", "run_id")))) {
            for (String scope : scopeValues.isEmpty() ? List.of("*") : scopeValues) {
                ps.setString(1, run.connector());
                ps.setString(2, table);
                ps.setString(3, scope);
                dialect.bindInstant(ps, 4, seenAt);
                ps.setLong(5, run.runId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** When every live row of a table of the connector was last confirmed present, per scope value. */
    Map<String, Instant> readSightings(String connector, String table) {
        return database.inTransaction(c -> {
            Map<String, Instant> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT scope_value, seen_at FROM table_sightings WHERE connector = ? "
                    + "AND table_name = ?")) {
                ps.setString(1, connector);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), database.dialect().readInstant(rs, "seen_at"));
                    }
                }
            }
            return out;
        });
    }
}
