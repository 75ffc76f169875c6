package io.azsync.sink;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.azsync.transform.ColumnType;

/** PostgreSQL, the production sink: timestamptz, jsonb for JSON and string arrays. */
public final class PostgresDialect extends Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public String urlExample() {
        return "jdbc:postgresql://HOST:PORT/DB";
    }

    @Override
    public void configure(com.zaxxer.hikari.HikariConfig pool, String url, String user, String password) {
        pool.setJdbcUrl(url);
        // a batch of upserts goes as multi-row statements (up to 128 rows each): one round trip and
        // one statement per chunk instead of one per row; the URL can still turn it off
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (user != null) {
            pool.setUsername(user);
        }
        if (password != null) {
            pool.setPassword(password);
        }
    }

    /**
     * Loads a page by COPY into a temporary staging table and one merge ({@code INSERT … SELECT …
     * ON CONFLICT}, the same update rule as the upsert): measured faster than the batched upsert and
     * at about half its client CPU (README, "Loading method"), and the merge's count is exact. The
     * staging table lives as long as its server connection ({@code CREATE TEMP TABLE IF NOT EXISTS} in
     * each page's transaction), named by a hash of the table and its columns (a map that gained a
     * column gets a new one), emptied before each load and by every commit.
     */
    @Override
    public int load(java.sql.Connection c, io.azsync.transform.TransformMap map, java.util.List<io.azsync.transform.MappedRow> rows,
                    String connector, Instant now, long runId) throws SQLException {
        java.util.List<String> columns = loadedColumns(map);
        // a hash of table and columns: always within PostgreSQL's 63 characters of a name, whatever the table is called
        String stage = "azsync_stage_" + Long.toHexString(org.apache.commons.codec.digest.MurmurHash3.hash128x64(
                (map.table() + "|" + columns).getBytes(java.nio.charset.StandardCharsets.UTF_8))[0]);
        org.postgresql.PGConnection server = c.unwrap(org.postgresql.PGConnection.class);
        String list = String.join(", ", columns);
        try (java.sql.Statement st = c.createStatement()) {
            // in the page's transaction, so a rolled-back page leaves no connection believing it has one
            // only the columns azsync writes, with their types and no constraint: a column an integrator added (NOT NULL with
            // a default, an identity) is not in it, and the merge leaves it to the table's own default
            st.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " ON COMMIT DELETE ROWS AS SELECT " + list + " FROM " + map.table()
                    + " WITH NO DATA");
            // empty already unless this transaction loaded the table before (a stream's confirmations, two maps on one table)
            st.execute("DELETE FROM " + stage);
            int mapColumns = map.columns().size();
            PgBinaryCopy binary = PgBinaryCopy.encode(columnTypes(c, stage, columns), rows, mapColumns, connector, now, runId);
            try {
                if (binary == null || !copyBinary(c, server, stage, list, binary)) {
                    server.getCopyAPI().copyIn("COPY " + stage + " (" + list + ") FROM STDIN",
                            new java.io.StringReader(copyText(rows, mapColumns, connector, now, runId)));
                }
            } catch (java.io.IOException e) {
                throw new SQLException("COPY into " + stage + " failed: " + e.getMessage(), e);
            }
            return st.executeUpdate("INSERT INTO " + map.table() + " (" + list + ") SELECT " + list + " FROM " + stage + onConflict(map));
        }
    }

    /** PostgreSQL's SQLSTATE for bytes that are not valid in the database encoding (invalid UTF-8). */
    private static final String INVALID_BYTES = "22021";

    /**
     * Copies the page in binary behind a savepoint. False when PostgreSQL refused bytes as invalid
     * UTF-8 (a source text is copied as the API sent it, unchecked): the savepoint is rolled back and
     * the caller loads the page as text, whose decoding replaces such bytes with U+FFFD, as every
     * other column's text already was.
     */
    private static boolean copyBinary(java.sql.Connection c, org.postgresql.PGConnection server, String stage, String list,
                                      PgBinaryCopy binary) throws SQLException {
        java.sql.Savepoint before = c.setSavepoint();
        org.postgresql.copy.CopyIn in = server.getCopyAPI().copyIn("COPY " + stage + " (" + list + ") FROM STDIN (FORMAT binary)");
        try {
            binary.writeTo(in::writeToCopy);
            in.endCopy();
        } catch (SQLException e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            if (!INVALID_BYTES.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            return false;
        }
        c.releaseSavepoint(before);
        return true;
    }

    /**
     * The staging table's column type OIDs in the order of {@code columns}, for the binary COPY
     * (read per page: a temporary table made in a rolled-back transaction is made again, from the
     * table as it is then).
     */
    private static int[] columnTypes(java.sql.Connection c, String stage, java.util.List<String> columns) throws SQLException {
        java.util.Map<String, Integer> byName = new java.util.HashMap<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, stage);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byName.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        int[] types = new int[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = byName.getOrDefault(columns.get(i).toLowerCase(java.util.Locale.ROOT), 0);
        }
        return types;
    }

    /** The rows in COPY's text format: for a page the binary encoder does not take (a column retyped by hand). */
    private static String copyText(java.util.List<io.azsync.transform.MappedRow> rows, int mapColumns, String connector, Instant now,
                                   long runId) {
        StringBuilder text = new StringBuilder(rows.size() * 1024);
        String stamp = now.toString();
        for (io.azsync.transform.MappedRow row : rows) {
            for (int i = 0; i < mapColumns; i++) {
                copyValue(text, row.value(i));
                text.append('\t');
            }
            copyValue(text, connector);
            text.append('\t').append(stamp).append('\t').append(stamp).append('\t').append(runId).append('\t').append(row.hash())
                    .append('\n');
        }
        return text.toString();
    }

    /** A value in COPY's text format: NULL as \\N; lists as JSON; backslash, tab, newline and carriage return escaped. */
    static void copyValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        String text = value instanceof java.util.List<?> list ? toJson(list) : value.toString();   // a SourceText decodes
        if (text.indexOf('\\') < 0 && text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            out.append(text);
            return;
        }
        out.append(text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
    }

    /** Advisory lock key of azsync's schema work ("azsync" in ASCII). */
    private static final long SCHEMA_LOCK = 0x617a73796e63L;

    /**
     * PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin: a session
     * advisory lock held on a connection of its own.
     */
    @Override
    public void exclusively(javax.sql.DataSource dataSource, Runnable work) throws SQLException {
        try (java.sql.Connection lock = dataSource.getConnection(); java.sql.Statement st = lock.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            try {
                work.run();
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
            }
        }
    }

    @Override
    public String quartzDelegate() {
        return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case STRING -> "TEXT";
            case INTEGER -> "BIGINT";
            case NUMBER -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case JSON, STRING_ARRAY -> "JSONB";
        };
    }

    @Override
    public String timestampType() {
        return "TIMESTAMPTZ";
    }

    @Override
    public String epochMillisNow() {
        return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    }

    @Override
    public String identityColumn(String name) {
        return name + " BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    }

    @Override
    public String jsonText(String column, String key) {
        return "(" + column + " ->> '" + key.replace("'", "''") + "')";
    }

    /** {@code CREATE OR REPLACE VIEW}: refused when a view's columns changed (other than added at its end). */
    @Override
    public String replaceView(String createView) {
        return createView.replaceFirst("(?is)^((?:\\s*--[^\\n]*\\n)*\\s*)CREATE\\s+VIEW\\s", "$1CREATE OR REPLACE VIEW ");
    }

    @Override
    protected String isDistinct(String a, String b) {
        return a + " IS DISTINCT FROM " + b;
    }

    @Override
    protected String placeholder(ColumnType type) {
        return type == ColumnType.JSON || type == ColumnType.STRING_ARRAY ? "CAST(? AS jsonb)" : "?";
    }

    @Override
    public void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public Instant readInstant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    protected void bindTyped(PreparedStatement ps, int index, ColumnType type, Object value) throws SQLException {
        switch (type) {
            case INTEGER -> ps.setLong(index, (Long) value);
            case NUMBER -> ps.setDouble(index, (Double) value);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            default -> ps.setString(index, value.toString());
        }
    }

    @Override
    protected int sqlType(ColumnType type) {
        return switch (type) {
            case INTEGER -> Types.BIGINT;
            case NUMBER -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.VARCHAR;
        };
    }
}
