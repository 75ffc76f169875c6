package io.azsync.service;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import io.azsync.config.Settings;
import io.azsync.model.ModelConfig;
import io.azsync.sink.Database;
import io.azsync.sink.SchemaManager;
import io.azsync.sink.ViewManager;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapLoader;
import io.azsync.transform.TransformMaps;

/**
 * The beans azsync binds in Camel's registry, camel-main style: the transform maps, the sink
 * database (its tables created or evolved and its views recreated before any route starts) and
 * its DataSource (for integrators' camel-jdbc routes). Directories, the JDBC URL and the database
 * password come from azsync's validated settings, the one place azsync reads them from.
 */
public class AzsyncConfiguration implements CamelConfiguration {

    private final Settings settings;
    private final Collection<String> connectors;
    private TransformMaps maps;
    private Database database;

    public AzsyncConfiguration(Settings settings, Collection<String> connectors) {
        this.settings = settings;
        this.connectors = connectors;
    }

    @BindToRegistry("transformMaps")
    public synchronized TransformMaps transformMaps() {
        if (maps == null) {
            maps = new TransformMaps(TransformMapLoader.loadDirectory(Path.of(settings.get(Settings.TRANSFORM_MAPS_DIR))));
        }
        return maps;
    }

    @BindToRegistry("database")
    public synchronized Database database() {
        if (database == null) {
            Database db = Database.open(settings.get(Settings.JDBC_URL), settings.get(Settings.JDBC_USER), settings.get(Settings.JDBC_PASSWORD));
            Map<String, TransformMap> all;
            try {
                all = transformMaps().all();
                if (!inBackground) {
                    prepare(settings, all, db, connectors);
                }
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            if (inBackground) {
                prepared = new java.util.concurrent.CompletableFuture<>();
                java.util.concurrent.CompletableFuture<Void> done = prepared;
                Thread preparing = new Thread(() -> {
                    try {
                        prepare(settings, all, db, connectors);
                        done.complete(null);
                    } catch (Throwable e) {
                        done.completeExceptionally(e);
                    }
                }, "azsync-database-prepare");
                preparing.setDaemon(true);
                preparing.start();
            }
            database = db;
        }
        return database;
    }

    private boolean inBackground;
    private java.util.concurrent.CompletableFuture<Void> prepared;

    /**
     * The database's tables and views are prepared on a thread of their own while Camel starts its
     * routes (which do not read them): {@code azsync sync}'s start-up, where both are on the way to
     * the first request. {@link #awaitPrepared()} then waits for them before anything reads the
     * database. Not for the clustered service (Quartz's tables must exist when Camel starts it).
     */
    synchronized void prepareInBackground() {
        inBackground = true;
    }

    /**
     * Before the database closes: a preparation still running (Camel failed to start meanwhile) is
     * let finish, up to a minute, so its migration is not cut off by the pool closing under it.
     */
    void settlePreparation() {
        java.util.concurrent.CompletableFuture<Void> done;
        synchronized (this) {
            done = prepared;
        }
        if (done != null) {
            try {
                done.get(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // its outcome was (or will be) reported by awaitPrepared, or the start failed for another reason first
            }
        }
    }

    /** Returns once the database's tables and views are ready; a failure to prepare them is thrown as it happened. */
    void awaitPrepared() {
        java.util.concurrent.CompletableFuture<Void> done;
        synchronized (this) {
            done = prepared;
        }
        if (done == null) {
            return;
        }
        try {
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The sink's stored rows, as the mapping step asks about them (unchanged records are not mapped again). */
    @BindToRegistry("storedRows")
    public io.azsync.transform.StoredRows storedRows() {
        return new io.azsync.sink.StoredRowLookup(database());
    }

    /** For routes (camel-jdbc, sql): its connections are handed out once the tables and views are ready. */
    @BindToRegistry("dataSource")
    public DataSource dataSource() {
        return new PreparedDataSource(database().dataSource(), this::awaitPrepared);
    }

    @Override
    public void configure(CamelContext camel) {
        // the webhook URL is a secret (incoming-webhook URLs carry a token): routes can resolve it by name, but it is
        // no property Camel lists (consoles, JMX, the properties dump)
        camel.getPropertiesComponent().addPropertiesSource(new org.apache.camel.spi.PropertiesSource() {
            @Override
            public String getName() {
                return "azsync-secrets";
            }

            @Override
            public String getProperty(String name) {
                return Settings.WEBHOOK_URL.key().equals(name) ? settings.get(Settings.WEBHOOK_URL) : null;
            }
        });
        if (Boolean.parseBoolean(settings.get(Settings.CLUSTERED))) {
            camel.getRegistry().bind("quartz", QuartzClusterStore.component(database()));
        }
    }

    /** The database, once Camel bound it (null before, or when opening it failed). */
    synchronized Database openedDatabase() {
        return database;
    }

    synchronized TransformMaps loadedMaps() {
        return maps;
    }

    /**
     * Creates or evolves the tables of the maps and the ledger, writes the model tables for every
     * connector, and recreates the views. Run at start and after a reload.
     */
    static void prepare(Settings settings, Map<String, TransformMap> maps, Database database, Collection<String> connectors) {
        database.exclusively(() -> prepareSchema(settings, maps, database, connectors));
    }

    private static void prepareSchema(Settings settings, Map<String, TransformMap> maps, Database database, Collection<String> connectors) {
        SchemaManager schema = new SchemaManager(database);
        schema.ensureLedger();
        maps.values().forEach(schema::ensure);
        ModelConfig model = null;
        for (String connector : connectors) {
            model = ModelConfig.load(Path.of(settings.get(Settings.MODEL_DIR)), connector);
            model.write(database, connector);
        }
        if (model == null) {
            // no connector yet (a service waiting for connectors created over its API): the views still need the default model
            model = ModelConfig.load(Path.of(settings.get(Settings.MODEL_DIR)), settings.get(Settings.CONNECTOR));
        }
        Map<String, String> placeholders = new java.util.HashMap<>(model.placeholders());
        placeholders.put("include_inactive", settings.get(Settings.ENTRA_INCLUDE_INACTIVE));
        new ViewManager(database).apply(Path.of(settings.get(Settings.VIEWS_DIR)), placeholders,
                Map.of("asset_tags", model.tags().viewSql(database.dialect())));
    }
}
