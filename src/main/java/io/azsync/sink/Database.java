package io.azsync.sink;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;


import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The sink database: a small connection pool and its {@link Dialect}. SQLite files are opened in
 * WAL mode with a busy timeout, so readers (history, reports) never block a sync.
 */
public final class Database implements AutoCloseable {

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final String displayUrl;

    private Database(HikariDataSource dataSource, Dialect dialect, String displayUrl) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.displayUrl = displayUrl;
    }

    public static Database open(String url, String user, String password) {
        Dialect dialect = Dialect.forUrl(url);
        String displayUrl = io.azsync.config.Secrets.maskUrlPassword(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("azsync-sink");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        dialect.configure(config, url, user, password);
        try {
            return new Database(new HikariDataSource(config), dialect, displayUrl);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to the database " + displayUrl + " (" + rootMessage(e)
                    + "): start it, or fix AZSYNC_JDBC_URL / AZSYNC_JDBC_USER / AZSYNC_JDBC_PASSWORD", null);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String displayUrl() {
        return displayUrl;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("database " + displayUrl + " failed: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Rolls back after a failure without hiding it: a database may already have rolled back by
     * itself (SQLite does on SQLITE_FULL, and then answers "cannot rollback - no transaction is
     * active"), so a failing rollback is attached to the original error, never thrown instead of it.
     */
    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Runs {@code work} while no other azsync process on the same database runs such work: schema
     * changes of nodes starting together would otherwise race. How is the dialect's
     * ({@link Dialect#exclusively}).
     */
    public void exclusively(Runnable work) {
        try {
            dialect.exclusively(dataSource, work);
        } catch (SQLException e) {
            throw new DatabaseException("database " + displayUrl + " failed: " + SqlErrors.describe(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
