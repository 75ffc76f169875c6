package io.azsync.sink;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import io.azsync.transform.ColumnType;

/**
 * SQLite, the embedded default sink: timestamps as ISO-8601 UTC text (sortable, and understood by
 * SQLite's date functions), JSON as text (query it with {@code json_extract}), booleans as 0/1.
 */
public final class SqliteDialect extends Dialect {

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public String urlExample() {
        return "jdbc:sqlite:FILE";
    }

    @Override
    public void configure(com.zaxxer.hikari.HikariConfig pool, String url, String user, String password) {
        org.sqlite.SQLiteConfig sqlite = new org.sqlite.SQLiteConfig();
        sqlite.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(30_000);
        // BEGIN IMMEDIATE: a transaction that reads before it writes (a lease taken, runs closed) waits for another
        // writer within the busy timeout; a deferred one would fail at once with "database is locked" on its upgrade
        sqlite.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(sqlite);
        ds.setUrl(url);
        pool.setDataSource(ds);
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case STRING, TIMESTAMP, JSON, STRING_ARRAY -> "TEXT";
            case INTEGER, BOOLEAN -> "INTEGER";
            case NUMBER -> "REAL";
        };
    }

    @Override
    public String timestampType() {
        return "TEXT";
    }

    @Override
    public String epochMillisNow() {
        return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    @Override
    public String identityColumn(String name) {
        return name + " INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    @Override
    public String jsonText(String column, String key) {
        return "json_extract(" + column + ", '$.\"" + key.replace("'", "''").replace("\"", "") + "\"')";
    }

    @Override
    protected String isDistinct(String a, String b) {
        return a + " IS NOT " + b;
    }

    @Override
    public void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value.toString());
        }
    }

    @Override
    public Instant readInstant(ResultSet rs, int index) throws SQLException {
        String value = rs.getString(index);
        return value == null ? null : Instant.parse(value);
    }

    @Override
    protected void bindTyped(PreparedStatement ps, int index, ColumnType type, Object value) throws SQLException {
        switch (type) {
            case INTEGER -> ps.setLong(index, (Long) value);
            case NUMBER -> ps.setDouble(index, (Double) value);
            case BOOLEAN -> ps.setInt(index, ((Boolean) value) ? 1 : 0);
            default -> ps.setString(index, value.toString());
        }
    }

    @Override
    protected int sqlType(ColumnType type) {
        return switch (type) {
            case INTEGER, BOOLEAN -> Types.INTEGER;
            case NUMBER -> Types.REAL;
            default -> Types.VARCHAR;
        };
    }
}
