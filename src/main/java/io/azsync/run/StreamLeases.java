package io.azsync.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.azsync.sink.Database;
import io.azsync.sink.Dialect;
import io.azsync.core.WriteGuard;

/**
 * One run at a time per (connector, stream), across processes and nodes: a lease row in the sink
 * database ({@code stream_leases}), taken before a stream starts and deleted when it ends. The same
 * table serves PostgreSQL and SQLite.
 * <p>
 * A holder that dies cannot block for ever: every azsync process keeps a heartbeat row in
 * {@code azsync_processes}, and a lease whose holder's heartbeat expired is taken over. A holder on
 * this host whose process is gone is taken over at once ({@link ProcessIdentity#certainlyDead}). A
 * run checks its lease inside every transaction that writes rows ({@link #guard}), so a run that
 * lost its lease (frozen longer than the lease lives) can neither load nor mark anything deleted.
 * <p>
 * Runs record their owner ({@code sync_runs.owner}); runs left {@code running} or {@code queued}
 * by a dead owner are closed with the truth by {@link #closeRunsOfDeadOwners()}.
 */
public final class StreamLeases {

    /** Who holds a stream, since when, with which run. */
    public record Holder(String holder, Instant since, long runId) {
        public String describe() {
            return "already running in process " + holder + " since " + since + " (run " + runId + ")";
        }
    }

    /** The stream is held by a live process. */
    public static final class BusyException extends RuntimeException {
        private final transient Holder holder;

        BusyException(String connector, String stream, Holder holder) {
            super("stream " + stream + " of connector " + connector + " is " + holder.describe()
                    + ": this run was skipped; it runs again at its next schedule, or retry when that run has finished", null, false, false);
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    static final String INTERRUPTED = "interrupted: the process ended before the run finished (killed, or it lost the database)";
    static final String CANCELLED = "cancelled: the process that queued the run ended before it started";

    private final Database database;
    private final ProcessIdentity me;
    private final Duration ttl;
    private final Clock clock;

    public StreamLeases(Database database, ProcessIdentity me, Duration ttl) {
        this(database, me, ttl, Clock.systemUTC());
    }

    StreamLeases(Database database, ProcessIdentity me, Duration ttl, Clock clock) {
        this.database = database;
        this.me = me;
        this.ttl = ttl;
        this.clock = clock;
    }

    public ProcessIdentity identity() {
        return me;
    }

    /** How long a heartbeat keeps this process alive for others. */
    public Duration ttl() {
        return ttl;
    }

    /** Records (or renews) this process's heartbeat. Call at start and every {@code ttl / 3}. */
    public void heartbeat() {
        Dialect d = database.dialect();
        Instant now = clock.instant();
        database.inTransaction(c -> {
            // expiry on the database's clock: hosts whose clocks differ still agree on who is alive
            try (PreparedStatement ps = c.prepareStatement(d.insertOrUpdate("azsync_processes", List.of("holder", "started_at", "heartbeat_at",
                    "expires_ms"), List.of("?", "?", "?", d.epochMillisNow() + " + ?"), List.of("holder"), List.of("heartbeat_at", "expires_ms")))) {
                ps.setString(1, me.holder());
                d.bindInstant(ps, 2, now);
                d.bindInstant(ps, 3, now);
                ps.setLong(4, ttl.toMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The live holder of a stream, if any. */
    public Optional<Holder> holderOf(String connector, String stream) {
        return database.inTransaction(c -> Optional.ofNullable(liveHolder(c, connector, stream)));
    }

    /**
     * Takes the stream for a run, or throws {@link BusyException} naming the live holder. A dead
     * holder's lease is taken over, and runs of the stream its owner left {@code running} are closed
     * as interrupted.
     */
    public void acquire(String connector, String stream, long runId) {
        Dialect d = database.dialect();
        Instant now = clock.instant();
        Holder busy = database.inTransaction(c -> {
            Holder current = leaseOf(c, connector, stream);
            // this process runs a stream's runs one after another: a lease of its own is a leftover (a release that failed)
            if (current != null && !current.holder().equals(me.holder()) && alive(c, current.holder())) {
                return current;
            }
            if (current != null) {
                // a dead holder's lease: taken over (only that row, should another process have just taken it)
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_leases WHERE connector = ? AND stream = ? AND holder = ? "
                        + "AND run_id = ?")) {
                    ps.setString(1, connector);
                    ps.setString(2, stream);
                    ps.setString(3, current.holder());
                    ps.setLong(4, current.runId());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(database.dialect().insertOrUpdate("stream_leases", List.of("connector", "stream",
                    "holder", "run_id", "acquired_at"), List.of("connector", "stream"), List.of()))) {
                ps.setString(1, connector);
                ps.setString(2, stream);
                ps.setString(3, me.holder());
                ps.setLong(4, runId);
                d.bindInstant(ps, 5, now);
                if (ps.executeUpdate() == 0) {
                    Holder other = liveHolder(c, connector, stream);
                    return other != null ? other : new Holder("(another process)", now, 0);
                }
            }
            // holding the lease proves that no other run of this stream is still working
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET state = ?, finished_at = ?, error = ? "
                    + "WHERE connector = ? AND stream = ? AND state = ? AND run_id <> ?")) {
                ps.setString(1, RunState.FAILED.dbValue());
                d.bindInstant(ps, 2, now);
                ps.setString(3, INTERRUPTED);
                ps.setString(4, connector);
                ps.setString(5, stream);
                ps.setString(6, RunState.RUNNING.dbValue());
                ps.setLong(7, runId);
                ps.executeUpdate();
            }
            return null;
        });
        if (busy != null) {
            throw new BusyException(connector, stream, busy);
        }
    }

    /** Gives the stream up (only if this process still holds it). */
    public void release(String connector, String stream) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_leases WHERE connector = ? AND stream = ? AND holder = ?")) {
                ps.setString(1, connector);
                ps.setString(2, stream);
                ps.setString(3, me.holder());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Checks, inside a writing transaction, that this process still holds the stream. On
     * PostgreSQL the update locks the lease row until the transaction ends, so a takeover waits for
     * it; SQLite has one writer at a time anyway.
     */
    public WriteGuard guard(String connector, String stream, long runId) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE stream_leases SET run_id = run_id WHERE connector = ? AND stream = ? "
                    + "AND holder = ? AND run_id = ?")) {
                ps.setString(1, connector);
                ps.setString(2, stream);
                ps.setString(3, me.holder());
                ps.setLong(4, runId);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("stream " + stream + " of connector " + connector + ": this process (" + me.holder()
                            + ") no longer holds the stream's lease (it was stopped, or stalled longer than the lease lives, "
                            + "AZSYNC_LEASE_TTL): nothing more is written by this run");
                }
            }
        };
    }

    /**
     * Closes the runs that dead processes left open: {@code running} ones as failed (interrupted),
     * {@code queued} ones as cancelled; and drops those processes' leases and heartbeats.
     *
     * @return how many runs were closed
     */
    public int closeRunsOfDeadOwners() {
        Dialect d = database.dialect();
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            List<String> dead = new ArrayList<>();
            boolean unowned = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT owner FROM sync_runs WHERE state IN (?, ?)")) {
                ps.setString(1, RunState.RUNNING.dbValue());
                ps.setString(2, RunState.QUEUED.dbValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String owner = rs.getString(1);
                        if (owner == null) {
                            unowned = true;
                        } else if (!owner.equals(me.holder()) && !alive(c, owner)) {
                            dead.add(owner);
                        }
                    }
                }
            }
            int closed = 0;
            for (String owner : dead) {
                closed += close(c, d, "owner = ?", owner, now);
            }
            if (unowned) {
                // runs of a release that did not record owners: no process of it can still be working here
                closed += close(c, d, "owner IS NULL", null, now);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM azsync_processes WHERE expires_ms < " + d.epochMillisNow())) {
                ps.executeUpdate();
            }
            return closed;
        });
    }

    private static int close(Connection c, Dialect d, String ownerCondition, String owner, Instant now) throws SQLException {
        // the dead owner's leases first, then its runs: the order acquire() takes those locks in, so the two never deadlock
        if (owner != null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_leases WHERE holder = ?")) {
                ps.setString(1, owner);
                ps.executeUpdate();
            }
        }
        int closed = 0;
        String[][] transitions = {{RunState.RUNNING.dbValue(), RunState.FAILED.dbValue(), INTERRUPTED},
                                  {RunState.QUEUED.dbValue(), RunState.CANCELLED.dbValue(), CANCELLED}};
        for (String[] t : transitions) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET state = ?, finished_at = ?, error = ? WHERE state = ? AND "
                    + ownerCondition)) {
                ps.setString(1, t[1]);
                d.bindInstant(ps, 2, now);
                ps.setString(3, t[2] + (owner == null ? "" : " (" + owner + ")"));
                ps.setString(4, t[0]);
                if (owner != null) {
                    ps.setString(5, owner);
                }
                closed += ps.executeUpdate();
            }
        }
        return closed;
    }

    /** This process ends: its leases and its heartbeat go, so others need not wait for them to expire. */
    public void close() {
        database.inTransaction(c -> {
            for (String table : List.of("stream_leases", "azsync_processes")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE holder = ?")) {
                    ps.setString(1, me.holder());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private Holder liveHolder(Connection c, String connector, String stream) throws SQLException {
        Holder holder = leaseOf(c, connector, stream);
        return holder != null && alive(c, holder.holder()) ? holder : null;
    }

    private Holder leaseOf(Connection c, String connector, String stream) throws SQLException {
        Dialect d = database.dialect();
        Holder holder = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT holder, acquired_at, run_id FROM stream_leases WHERE connector = ? AND stream = ?")) {
            ps.setString(1, connector);
            ps.setString(2, stream);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    holder = new Holder(rs.getString(1), d.readInstant(rs, "acquired_at"), rs.getLong(3));
                }
            }
        }
        return holder;
    }

    /** Alive: its heartbeat has not expired, and it is not certainly dead (a process of this host that is gone). */
    private boolean alive(Connection c, String holder) throws SQLException {
        if (holder.equals(me.holder())) {
            return true;
        }
        if (ProcessIdentity.certainlyDead(holder)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM azsync_processes WHERE holder = ? AND expires_ms >= "
                + database.dialect().epochMillisNow())) {
            ps.setString(1, holder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
