package io.azsync.sink;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.azsync.transform.ColumnSpec;
import io.azsync.transform.ColumnType;
import io.azsync.transform.TransformMap;

/**
 * What differs between the sink databases: column types, value binding and a few SQL spellings.
 * The statements themselves (create, upsert, touch, mark deleted) are built here once for both.
 * Identifiers come from validated transform maps ({@code [a-z][a-z0-9_]*}), never from data.
 */
public abstract class Dialect {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The dialect of a JDBC URL, found through {@link java.util.ServiceLoader} ({@code
     * META-INF/services/io.azsync.sink.Dialect}): a database is supported by adding a dialect, not by
     * changing this class.
     */
    public static Dialect forUrl(String jdbcUrl) {
        List<Dialect> known = known();
        return known.stream().filter(d -> d.accepts(jdbcUrl)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unsupported database URL: use " + known.stream().map(Dialect::urlExample).collect(Collectors.joining(" or "))));
    }

    /** Every dialect on the class path ({@code META-INF/services/io.azsync.sink.Dialect}). */
    public static List<Dialect> known() {
        return java.util.ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader()).stream()
                .map(java.util.ServiceLoader.Provider::get).toList();
    }

    /** The database's name: also the folder of its migrations and of its view variants. */
    public abstract String name();

    /** This dialect handles the database of this JDBC URL. */
    public abstract boolean accepts(String jdbcUrl);

    /** The URL form users are told to write, e.g. {@code jdbc:sqlite:FILE}. */
    public abstract String urlExample();

    /** Tunes the connection pool for this database: driver settings, locking, batching, credentials. */
    public abstract void configure(com.zaxxer.hikari.HikariConfig pool, String url, String user, String password);

    /**
     * Runs {@code work} while no other azsync process on the same database runs such work (schema
     * changes of nodes starting together), on a connection of the pool; by default the database's own
     * write lock suffices.
     */
    public void exclusively(javax.sql.DataSource dataSource, Runnable work) throws SQLException {
        work.run();
    }

    /** What a SELECT appends to lock the rows it read until the commit ({@code FOR UPDATE}); empty where writers are serialised anyway. */
    public String forUpdate() {
        return "";
    }

    /** Quartz's JDBC delegate for clustered scheduling (its tables come with the dialect's migrations), or null when this database cannot host a cluster. */
    public String quartzDelegate() {
        return null;
    }

    /**
     * The statement that replaces a view in place from its {@code CREATE VIEW} statement, so that views an integrator
     * built on it stay, or null where the database cannot (its views are then dropped and made again; SQLite lets a
     * view go while others use it). This default: null.
     */
    public String replaceView(String createView) {
        return null;
    }

    /** SQL type of a transform-map column type. */
    public abstract String columnType(ColumnType type);

    public abstract String timestampType();

    /** SQL for the database's clock in epoch milliseconds (leases compare heartbeats of several hosts on one clock). */
    public abstract String epochMillisNow();

    /** An auto-numbered primary key column. */
    public abstract String identityColumn(String name);

    /** SQL for "a differs from b", treating NULLs as values. */
    protected abstract String isDistinct(String a, String b);

    /** SQL reading a text field of a JSON column (key must be a plain key). */
    public abstract String jsonText(String column, String key);

    /** The placeholder for a value of this type (PostgreSQL casts JSON text to jsonb). */
    protected String placeholder(ColumnType type) {
        return "?";
    }

    public abstract void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException;

    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        return readInstant(rs, rs.findColumn(column));
    }

    public abstract Instant readInstant(ResultSet rs, int index) throws SQLException;

    /**
     * A stored value as the mapper makes it for a column of this type (String, Long, Double,
     * Boolean, Instant; JSON and string arrays as their text), so a key read back from the database
     * joins and hashes as the key of the row it came from.
     */
    public final Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
        Object value = switch (type) {
            case INTEGER -> rs.getLong(index);
            case NUMBER -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case TIMESTAMP -> readInstant(rs, index);
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    protected abstract void bindTyped(PreparedStatement ps, int index, ColumnType type, Object value) throws SQLException;

    protected abstract int sqlType(ColumnType type);

    public final void bind(PreparedStatement ps, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(type));
        } else if (type == ColumnType.STRING_ARRAY) {
            bindTyped(ps, index, type, toJson(value));
        } else if (type == ColumnType.TIMESTAMP) {
            bindInstant(ps, index, (Instant) value);
        } else {
            bindTyped(ps, index, type, value);
        }
    }

    /** True when every element is a String (an indexed loop: this runs for every string-array value of every row). */
    private static boolean allStrings(List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A value as JSON text. A list of strings (a string-array column) is written with Jackson's own
     * string escaping, element by element, into the very text its ObjectMapper would write ({@code
     * ["a","b\\"c"]}), without going through its serialiser lookup for every row.
     */
    static String toJson(Object value) {
        if (value instanceof List<?> list && allStrings(list)) {
            StringBuilder out = new StringBuilder(list.size() * 24 + 2).append('[');
            com.fasterxml.jackson.core.io.JsonStringEncoder encoder = com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append('"');
                encoder.quoteAsString((String) list.get(i), out);
                out.append('"');
            }
            return out.append(']').toString();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- statements

    public String createTable(TransformMap map) {
        List<String> defs = new ArrayList<>();
        for (ColumnSpec c : map.columns()) {
            defs.add(c.name() + " " + columnType(c.type()) + (map.keyColumns().contains(c.name()) ? " NOT NULL" : ""));
        }
        defs.addAll(bookkeepingColumns());
        defs.add("PRIMARY KEY (" + String.join(", ", map.keyColumns()) + ")");
        return "CREATE TABLE IF NOT EXISTS " + map.table() + " (\n  " + String.join(",\n  ", defs) + "\n)";
    }

    /** Bookkeeping column definitions, in the order {@link #bookkeepingNames()} lists them. */
    public List<String> bookkeepingColumns() {
        return List.of("connector TEXT NOT NULL", "first_seen_at " + timestampType() + " NOT NULL",
                "last_seen_at " + timestampType() + " NOT NULL", "deleted_at " + timestampType(), "last_run_id BIGINT NOT NULL",
                "row_hash TEXT NOT NULL");
    }

    public static List<String> bookkeepingNames() {
        return List.of("connector", "first_seen_at", "last_seen_at", "deleted_at", "last_run_id", "row_hash");
    }

    public String addColumn(String table, String column, String type) {
        return "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type;
    }

    /**
     * Inserts a row, or updates it only when its hash changed or it had been marked deleted.
     * Parameters: the map's columns in order, then connector, first_seen_at, last_seen_at,
     * last_run_id, row_hash. The update count is 1 when the row was written, 0 when unchanged.
     */
    public String upsert(TransformMap map) {
        String values = map.columns().stream().map(c -> placeholder(c.type())).collect(Collectors.joining(", ")) + ", ?, ?, ?, ?, ?";
        return "INSERT INTO " + map.table() + " (" + String.join(", ", loadedColumns(map)) + ") VALUES (" + values + ")" + onConflict(map);
    }

    /** The columns a load writes, in the order {@link #upsert} binds them: the map's, then the bookkeeping ones. */
    static List<String> loadedColumns(TransformMap map) {
        List<String> columns = new ArrayList<>(map.columns().stream().map(ColumnSpec::name).toList());
        columns.addAll(List.of("connector", "first_seen_at", "last_seen_at", "last_run_id", "row_hash"));
        return columns;
    }

    /**
     * Update a stored row only when its hash changed, it had been marked deleted, or another connector wrote it (it
     * becomes this connector's, whose marking then covers it); first_seen_at stays.
     */
    String onConflict(TransformMap map) {
        String t = map.table();
        String updates = map.columns().stream().map(ColumnSpec::name).filter(c -> !map.keyColumns().contains(c))
                .map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
        updates = (updates.isEmpty() ? "" : updates + ", ")
                + "connector = excluded.connector, last_seen_at = excluded.last_seen_at, last_run_id = excluded.last_run_id, "
                + "row_hash = excluded.row_hash, deleted_at = NULL";
        return " ON CONFLICT (" + String.join(", ", map.keyColumns()) + ") DO UPDATE SET " + updates
                + " WHERE " + isDistinct(t + ".row_hash", "excluded.row_hash") + " OR " + t + ".deleted_at IS NOT NULL OR "
                + isDistinct(t + ".connector", "excluded.connector");
    }

    /**
     * Writes the rows of one page (distinct keys) in the caller's transaction: new ones inserted,
     * stored ones updated only when their hash changed or they had been marked deleted. Returns how
     * many were written. This default sends the {@link #upsert} as one JDBC batch; a dialect may load
     * the database's faster way.
     */
    public int load(java.sql.Connection c, TransformMap map, List<io.azsync.transform.MappedRow> rows, String connector, Instant now,
                    long runId) throws SQLException {
        List<ColumnSpec> columns = map.columns();
        try (PreparedStatement ps = c.prepareStatement(upsert(map))) {
            for (io.azsync.transform.MappedRow row : rows) {
                int i = 1;
                for (int col = 0; col < columns.size(); col++) {
                    bind(ps, i++, columns.get(col).type(), row.value(col));
                }
                ps.setString(i++, connector);
                bindInstant(ps, i++, now);
                bindInstant(ps, i++, now);
                ps.setLong(i++, runId);
                ps.setString(i, row.hash());
                ps.addBatch();
            }
            int written = 0;
            for (int n : ps.executeBatch()) {
                // 0: the stored hash matched after all; a batch rewritten into multi-row statements reports no count (-2)
                written += n == 0 ? 0 : 1;
            }
            return written;
        }
    }

    /**
     * Stored hash, deletion mark and connector of the rows with the given keys: parameters are the key
     * columns of each key in turn; the result has the key columns, then row_hash, deleted_at and connector.
     */
    public String selectHashes(TransformMap map, int keys) {
        return "SELECT " + String.join(", ", map.keyColumns()) + ", row_hash, deleted_at, connector FROM " + map.table() + " WHERE "
                + keysIn(map, keys);
    }

    /** {@code k IN (?, ?)} for one key column, {@code (k1, k2) IN (VALUES (?, ?), (?, ?))} for a composite key. */
    private static String keysIn(TransformMap map, int keys) {
        List<String> k = map.keyColumns();
        if (k.size() == 1) {
            return k.get(0) + " IN (" + String.join(", ", java.util.Collections.nCopies(keys, "?")) + ")";
        }
        String row = "(" + String.join(", ", java.util.Collections.nCopies(k.size(), "?")) + ")";
        return "(" + String.join(", ", k) + ") IN (VALUES " + String.join(", ", java.util.Collections.nCopies(keys, row)) + ")";
    }

    /**
     * Marks live rows of the connector by key as deleted (the rows a run did not see), their
     * last_seen_at moved to when they were last known to exist if that is later. Parameters:
     * deleted_at, that time twice, connector, then the key columns of each key in turn.
     */
    public String markKeysDeleted(TransformMap map, int keys) {
        return "UPDATE " + map.table() + " SET deleted_at = ?, last_seen_at = CASE WHEN last_seen_at < ? THEN ? ELSE last_seen_at END "
                + "WHERE connector = ? AND deleted_at IS NULL AND " + keysIn(map, keys);
    }

    /**
     * Marks the rows matching some key columns as deleted (a source's removal). Parameters:
     * deleted_at, connector, then the values of {@code columns}.
     */
    public String markRemoved(TransformMap map, List<String> columns) {
        return "UPDATE " + map.table() + " SET deleted_at = ? WHERE connector = ? AND deleted_at IS NULL AND "
                + columns.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
    }

    /** Stored raw JSON of some rows: parameters are key values of a single-column key. */
    public String selectRaw(TransformMap map, String rawColumn, int keys) {
        return "SELECT " + map.keyColumns().get(0) + ", " + rawColumn + " FROM " + map.table() + " WHERE "
                + map.keyColumns().get(0) + " IN (" + String.join(", ", java.util.Collections.nCopies(keys, "?")) + ")";
    }

    /**
     * Inserts a row of a fixed table (the ledger's, the leases') or, where one with the same
     * {@code conflict} columns is stored, sets its {@code update} columns to the new row's (none:
     * the stored row stays as it is). {@code values} are the columns' SQL expressions in order
     * ({@code ?} for a parameter). This default is the form PostgreSQL and SQLite share:
     * {@code ON CONFLICT (…) DO UPDATE SET c = excluded.c}, or {@code DO NOTHING}.
     */
    public String insertOrUpdate(String table, List<String> columns, List<String> values, List<String> conflict, List<String> update) {
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.size() + " values");
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ") ON CONFLICT ("
                + String.join(", ", conflict) + ") " + (update.isEmpty() ? "DO NOTHING"
                : "DO UPDATE SET " + update.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", ")));
    }

    /** As above, every column a parameter. */
    public String insertOrUpdate(String table, List<String> columns, List<String> conflict, List<String> update) {
        return insertOrUpdate(table, columns, java.util.Collections.nCopies(columns.size(), "?"), conflict, update);
    }

    /** An insert whose result set is the row's generated {@code idColumn}. This default: {@code … RETURNING id}. */
    public String returning(String insert, String idColumn) {
        return insert + " RETURNING " + idColumn;
    }

    /** An ordered query kept to its first {@code rows} rows ({@code ?} for a parameter). This default: {@code … LIMIT rows}. */
    public String firstRows(String query, String rows) {
        return query + " LIMIT " + rows;
    }

    /**
     * Class-path folder of this database's versioned migrations of the fixed tables ({@code V<n>__<what>.sql}, or a
     * Flyway Java migration in the package of that name where SQL cannot say it, as SQLite's version 5).
     */
    public String migrations() {
        return "db/migration/" + name();
    }
}
