package io.azsync.run;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.azsync.sink.Database;
import io.azsync.sink.Dialect;

/**
 * Connector states in {@code connector_states}, written by the service as they change, so the
 * command line (and any SQL client) sees them too.
 */
public final class ConnectorStates {

    /** One connector's recorded state. */
    public record Entry(String connector, String state, Instant nextFireTime, Instant lastRunStart, Instant lastRunEnd,
                        long consecutiveFailures, String lastError, Instant updatedAt) {
    }

    private final Database database;

    public ConnectorStates(Database database) {
        this.database = database;
    }

    public void save(Entry e) {
        Dialect d = database.dialect();
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO connector_states (connector, state, next_fire_time, last_run_start, "
                    + "last_run_end, consecutive_failures, last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connector) "
                    + "DO UPDATE SET state = excluded.state, next_fire_time = excluded.next_fire_time, last_run_start = excluded.last_run_start, "
                    + "last_run_end = excluded.last_run_end, consecutive_failures = excluded.consecutive_failures, "
                    + "last_error = excluded.last_error, updated_at = excluded.updated_at")) {
                ps.setString(1, e.connector());
                ps.setString(2, e.state());
                d.bindInstant(ps, 3, e.nextFireTime());
                d.bindInstant(ps, 4, e.lastRunStart());
                d.bindInstant(ps, 5, e.lastRunEnd());
                ps.setLong(6, e.consecutiveFailures());
                ps.setString(7, e.lastError());
                d.bindInstant(ps, 8, e.updatedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Map<String, Entry> all() {
        Dialect d = database.dialect();
        return database.inTransaction(c -> {
            Map<String, Entry> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM connector_states ORDER BY connector");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("connector"), new Entry(rs.getString("connector"), rs.getString("state"),
                            d.readInstant(rs, "next_fire_time"), d.readInstant(rs, "last_run_start"), d.readInstant(rs, "last_run_end"),
                            rs.getLong("consecutive_failures"), rs.getString("last_error"), d.readInstant(rs, "updated_at")));
                }
            }
            return out;
        });
    }
}
