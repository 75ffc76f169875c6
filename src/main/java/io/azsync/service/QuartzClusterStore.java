package io.azsync.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;

import io.azsync.sink.Database;

/**
 * Clustered scheduling ({@code AZSYNC_CLUSTERED=true}): Quartz's JDBC job store in the PostgreSQL
 * sink, so service nodes share one schedule — each firing runs on one node, and a node that dies
 * has its jobs recovered by another. The QRTZ_ tables are created (never dropped) by azsync from
 * the DDL Quartz ships; Quartz reaches the database through the sink's connection pool.
 */
public final class QuartzClusterStore {

    private static final Map<String, Database> DATABASES = new ConcurrentHashMap<>();

    private QuartzClusterStore() {
    }

    /** Quartz instantiates this by class name; {@code database} names the pool registered above. */
    public static final class Connections implements ConnectionProvider {
        private String database;

        public void setDatabase(String database) {
            this.database = database;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Database db = DATABASES.get(database);
            if (db == null) {
                throw new SQLException("azsync database " + database + " is closed");
            }
            return db.dataSource().getConnection();
        }

        @Override
        public void shutdown() {
            DATABASES.remove(database);
        }

        @Override
        public void initialize() {
        }
    }

    /**
     * A camel-quartz component on the database's Quartz tables (created by the dialect's versioned
     * migrations, {@code db/migration/<dialect>}).
     */
    public static QuartzComponent component(Database database) {
        if (database.dialect().quartzDelegate() == null) {
            throw new IllegalStateException("clustered scheduling needs a database that can host Quartz's tables; "
                    + database.dialect().name() + " cannot: use PostgreSQL or AZSYNC_CLUSTERED=false");
        }
        String key = UUID.randomUUID().toString();
        DATABASES.put(key, database);
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("org.quartz.scheduler.instanceName", "azsync");
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.threadPool.threadCount", "4");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", database.dialect().quartzDelegate());
        p.put("org.quartz.jobStore.dataSource", "azsync");
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", "2000");
        p.put("org.quartz.jobStore.misfireThreshold", "5000");
        p.put("org.quartz.dataSource.azsync.connectionProvider.class", Connections.class.getName());
        p.put("org.quartz.dataSource.azsync.database", key);
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(p);
        quartz.setPrefixInstanceName(false);
        return quartz;
    }
}
