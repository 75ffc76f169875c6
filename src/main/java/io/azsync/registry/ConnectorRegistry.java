package io.azsync.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.config.SecretBox;
import io.azsync.sink.Database;

/**
 * The connectors managed over the REST API, kept in the sink database ({@code managed_connectors}):
 * their definitions in clear, their credentials sealed by a {@link SecretBox}; and what was done to
 * connectors besides syncing them ({@code connector_events}). All SQL about them is here.
 */
public final class ConnectorRegistry {

    /** A stored connector: its definition (no credential), its credential opened, and whether it may be scheduled. */
    public record Stored(ConnectorDefinition definition, ConnectorDefinition.Credential credential, Instant activatedAt,
                         Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
        public boolean activated() {
            return activatedAt != null;
        }
    }

    /** Something done to a connector (created, updated, deleted, tested, enabled, disabled, activated), for the history. */
    public record Event(String connector, String action, Instant startedAt, Instant finishedAt, String startedBy, String status,
                        String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Database database;
    private final Clock clock;

    public ConnectorRegistry(Database database) {
        this(database, Clock.systemUTC());
    }

    ConnectorRegistry(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** What was read: the connectors that open and parse, and per connector that does not, why. */
    public record Loaded(List<Stored> stored, java.util.Map<String, String> failures) {
    }

    /** Every stored connector, each read on its own: one that does not open (wrong key) or parse is a failure, not the end of the read. */
    public Loaded load(SecretBox box, List<String> streams) {
        return database.inTransaction(c -> {
            List<Stored> out = new ArrayList<>();
            java.util.Map<String, String> failures = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, definition, credential, activated_at, created_at, created_by, "
                    + "updated_at, updated_by FROM managed_connectors ORDER BY created_at, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(read(rs, box, streams));
                    } catch (RuntimeException e) {
                        failures.put(rs.getString(1), e.getMessage());
                    }
                }
            }
            return new Loaded(List.copyOf(out), java.util.Collections.unmodifiableMap(failures));
        });
    }

    /** Every stored connector; one that does not open or parse fails the read, naming every such connector and why. */
    public List<Stored> list(SecretBox box, List<String> streams) {
        Loaded loaded = load(box, streams);
        if (!loaded.failures().isEmpty()) {
            throw new IllegalStateException(String.join("; ", loaded.failures().entrySet().stream()
                    .map(e -> "connector " + e.getKey() + ": " + e.getValue()).toList()));
        }
        return loaded.stored();
    }

    public Optional<Stored> find(String name, SecretBox box, List<String> streams) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, definition, credential, activated_at, created_at, created_by, "
                    + "updated_at, updated_by FROM managed_connectors WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs, box, streams)) : Optional.<Stored>empty();
                }
            }
        });
    }

    /** Names of the stored connectors (no credential opened: for listings without the key). */
    public List<String> names() {
        return database.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM managed_connectors ORDER BY created_at, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The stored definitions, without opening any credential (for listings that need no key). */
    public List<ObjectNode> definitions() {
        return database.inTransaction(c -> {
            List<ObjectNode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, definition, activated_at FROM managed_connectors "
                    + "ORDER BY created_at, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        ObjectNode d = (ObjectNode) JSON.readTree(rs.getString(2));
                        d.put("activated", rs.getObject(3) != null);
                        out.add(d);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("the stored definition of connector " + rs.getString(1) + " is not JSON");
                    }
                }
            }
            return out;
        });
    }

    private Stored read(ResultSet rs, SecretBox box, List<String> streams) throws SQLException {
        String name = rs.getString(1);
        ObjectNode definition;
        try {
            definition = (ObjectNode) JSON.readTree(rs.getString(2));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stored definition of connector " + name + " is not JSON: " + e.getMessage());
        }
        // a stream that no route serves any more (renamed, removed) is left out with a warning: the rest of the connector still runs
        if (definition.path("streams").isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
            definition.path("streams").forEach(st -> {
                if (streams.contains(st.asText())) {
                    kept.add(st);
                } else {
                    LOG.warn("Connector {}: stream '{}' is not served by any route any more; it is left out", name, st.asText());
                }
            });
            definition.set("streams", kept);
        }
        ConnectorDefinition parsed = ConnectorDefinition.parse(definition, name, false, streams);
        ConnectorDefinition.Credential credential = ConnectorDefinition.Credential.fromText(box.open(name, parsed.credentialBinding(),
                rs.getString(3)));
        var d = database.dialect();
        return new Stored(parsed, credential, d.readInstant(rs, 4), d.readInstant(rs, 5), rs.getString(6), d.readInstant(rs, 7),
                rs.getString(8));
    }

    /** Stores a new connector; false when the name is taken. */
    public boolean create(ConnectorDefinition definition, SecretBox box, boolean activated, String by) {
        return database.inTransaction(c -> {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM managed_connectors WHERE name = ?")) {
                check.setString(1, definition.name());
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO managed_connectors (name, definition, credential, activated_at, "
                    + "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, definition.name());
                ps.setString(2, definition.stored().toString());
                ps.setString(3, box.seal(definition.name(), definition.credentialBinding(), definition.credential().toText()));
                database.dialect().bindInstant(ps, 4, activated ? now : null);
                database.dialect().bindInstant(ps, 5, now);
                ps.setString(6, by);
                database.dialect().bindInstant(ps, 7, now);
                ps.setString(8, by);
                ps.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Replaces a stored connector's definition, and its credential when one is given (null keeps the
     * stored one). {@code activated} null keeps the connector's activation as it was.
     */
    public void replace(ConnectorDefinition definition, SecretBox box, Boolean activated, String by) {
        database.inTransaction(c -> {
            Instant now = clock.instant();
            String sql = "UPDATE managed_connectors SET definition = ?, updated_at = ?, updated_by = ?"
                    + (definition.credential() != null ? ", credential = ?" : "")
                    + (activated != null ? ", activated_at = ?" : "") + " WHERE name = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                ps.setString(p++, definition.stored().toString());
                database.dialect().bindInstant(ps, p++, now);
                ps.setString(p++, by);
                if (definition.credential() != null) {
                    ps.setString(p++, box.seal(definition.name(), definition.credentialBinding(), definition.credential().toText()));
                }
                if (activated != null) {
                    database.dialect().bindInstant(ps, p++, activated ? now : null);
                }
                ps.setString(p, definition.name());
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("connector " + definition.name() + " is not stored (deleted meanwhile?)");
                }
            }
            return null;
        });
    }

    /** Marks a stored connector activated (a passing test, or activation without one). */
    public void activate(String name) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE managed_connectors SET activated_at = ? WHERE name = ? AND activated_at IS NULL")) {
                database.dialect().bindInstant(ps, 1, clock.instant());
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes a stored connector (its definition and sealed credential); false when there was none. */
    public boolean delete(String name) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM managed_connectors WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Seals every stored credential again under {@code to} (opened with {@code from}), in one
     * transaction: all or none. Returns how many.
     */
    public int rotate(SecretBox from, SecretBox to) {
        return database.inTransaction(c -> {
            List<String[]> sealed = new ArrayList<>();
            // the rows stay locked until the commit: a change made meanwhile waits instead of being overwritten
            try (PreparedStatement ps = c.prepareStatement("SELECT name, credential, definition FROM managed_connectors"
                    + database.dialect().forUpdate());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String binding;
                    try {
                        binding = new ConnectorDefinition(rs.getString(1), (ObjectNode) JSON.readTree(rs.getString(3)), null).credentialBinding();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("the stored definition of connector " + rs.getString(1) + " is not JSON");
                    }
                    sealed.add(new String[] {rs.getString(1), rs.getString(2), binding});
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE managed_connectors SET credential = ? WHERE name = ?")) {
                for (String[] row : sealed) {
                    ps.setString(1, to.seal(row[0], row[2], from.open(row[0], row[2], row[1])));
                    ps.setString(2, row[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return sealed.size();
        });
    }

    /** Records something done to a connector. */
    public void record(Event event) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO connector_events (connector, action, started_at, finished_at, "
                    + "started_by, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, event.connector());
                ps.setString(2, event.action());
                database.dialect().bindInstant(ps, 3, event.startedAt());
                database.dialect().bindInstant(ps, 4, event.finishedAt());
                ps.setString(5, event.startedBy());
                ps.setString(6, event.status());
                ps.setString(7, io.azsync.config.Secrets.redact(event.detail()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The newest events of a connector, newest first. */
    public List<Event> events(String connector, int limit) {
        return database.inTransaction(c -> {
            List<Event> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(database.dialect().firstRows("SELECT connector, action, started_at, finished_at, "
                    + "started_by, status, detail FROM connector_events WHERE connector = ? ORDER BY started_at DESC, id DESC", "?"))) {
                ps.setString(1, connector);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    var d = database.dialect();
                    while (rs.next()) {
                        out.add(new Event(rs.getString(1), rs.getString(2), d.readInstant(rs, 3), d.readInstant(rs, 4), rs.getString(5),
                                rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }
}
