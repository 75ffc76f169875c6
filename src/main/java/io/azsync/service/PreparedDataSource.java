package io.azsync.service;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The sink's DataSource as routes get it ({@code dataSource} in Camel's registry, for camel-jdbc
 * and sql endpoints): a connection is handed out once the database's tables and views are ready.
 * While {@code azsync sync} prepares them alongside Camel's start, an endpoint can be created, but
 * a route that queries at once waits for them instead of finding them missing.
 */
final class PreparedDataSource implements DataSource {

    private final DataSource delegate;
    private final Runnable awaitPrepared;

    PreparedDataSource(DataSource delegate, Runnable awaitPrepared) {
        this.delegate = delegate;
        this.awaitPrepared = awaitPrepared;
    }

    @Override
    public Connection getConnection() throws SQLException {
        awaitPrepared.run();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        awaitPrepared.run();
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
