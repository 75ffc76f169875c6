package io.azsync.service;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

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
 * its DataSource (for integrators' camel-jdbc routes). Directories and the JDBC URL come from
 * Camel's properties, which azsync's validated settings feed; the database password, a secret,
 * never becomes a Camel property and is read from the settings.
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
    public synchronized TransformMaps transformMaps(@PropertyInject("azsync.transform-maps.dir") String dir) {
        if (maps == null) {
            maps = new TransformMaps(TransformMapLoader.loadDirectory(Path.of(dir)));
        }
        return maps;
    }

    @BindToRegistry("database")
    public synchronized Database database(@PropertyInject("azsync.jdbc.url") String url,
                                          @PropertyInject("azsync.transform-maps.dir") String mapsDir) {
        if (database == null) {
            Database db = Database.open(url, settings.get(Settings.JDBC_USER), settings.get(Settings.JDBC_PASSWORD));
            try {
                prepare(settings, transformMaps(mapsDir).all(), db, connectors);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            database = db;
        }
        return database;
    }

    /** The sink's stored rows, as the mapping step asks about them (unchanged records are not mapped again). */
    @BindToRegistry("storedRows")
    public io.azsync.transform.StoredRows storedRows(@PropertyInject("azsync.jdbc.url") String url,
                                                     @PropertyInject("azsync.transform-maps.dir") String mapsDir) {
        return new io.azsync.sink.StoredRowLookup(database(url, mapsDir));
    }

    @BindToRegistry("dataSource")
    public DataSource dataSource(@PropertyInject("azsync.jdbc.url") String url, @PropertyInject("azsync.transform-maps.dir") String mapsDir) {
        return database(url, mapsDir).dataSource();
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
            camel.getRegistry().bind("quartz", QuartzClusterStore.component(database(settings.get(Settings.JDBC_URL),
                    settings.get(Settings.TRANSFORM_MAPS_DIR))));
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
