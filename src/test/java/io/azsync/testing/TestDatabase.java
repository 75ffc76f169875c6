package io.azsync.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real database for one test: a SQLite file in a temporary directory, or a fresh schema in the
 * PostgreSQL named by {@code AZSYNC_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code AZSYNC_TEST_PG_USER} default postgres, password {@code AZSYNC_TEST_PG_PASSWORD}).
 */
public final class TestDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final String adminUrl;

    private TestDatabase(String url, String user, String password, String schema, String adminUrl) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.adminUrl = adminUrl;
    }

    public static TestDatabase sqlite(Path dir) {
        return new TestDatabase("jdbc:sqlite:" + dir.resolve("azsync.db"), null, null, null, null);
    }

    public static TestDatabase postgres() {
        String base = env("AZSYNC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("AZSYNC_TEST_PG_USER", "postgres");
        String password = System.getenv("AZSYNC_TEST_PG_PASSWORD");
        String schema = "azsync_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the tests is not reachable at " + base + " (" + e.getMessage()
                    + "): start it (.ci/run does) or set AZSYNC_TEST_PG_URL", e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(url, user, password, schema, base);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isPostgres() {
        return schema != null;
    }

    /** Settings entries that point azsync at this database. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZSYNC_JDBC_URL", url);
        if (user != null) {
            env.put("AZSYNC_JDBC_USER", user);
        }
        if (password != null) {
            env.put("AZSYNC_JDBC_PASSWORD", password);
        }
        return env;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Rows of a query, each a map of lower-cased column name to value (as the driver returns it). */
    public List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(meta.getColumnLabel(i).toLowerCase(), value == null ? null : value instanceof Number || value instanceof Boolean ? value : value.toString());
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Object> single(String sql, Object... params) {
        List<Map<String, Object>> rows = query(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " but got " + rows.size());
        }
        return rows.get(0);
    }

    public long count(String sql, Object... params) {
        Object value = single(sql, params).values().iterator().next();
        return ((Number) value).longValue();
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * The whole database as text, as an operator's backup would hold it: {@code pg_dump} of the test's
     * schema, or the {@code sqlite3} shell's {@code .dump}.
     */
    public String dump() {
        List<String> command;
        if (isPostgres()) {
            String server = adminUrl.substring("jdbc:".length()).replaceFirst("^postgresql://", "postgresql://" + user + "@");
            command = List.of("pg_dump", "--dbname=" + server.replaceFirst("\\?.*$", ""), "--schema=" + schema, "--no-owner");
        } else {
            command = List.of("sqlite3", url.substring("jdbc:sqlite:".length()), ".dump");
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + out);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                // leave it; the schema name is unique and harmless
            }
        }
    }
}
