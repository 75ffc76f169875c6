package io.azsync.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import io.azsync.auth.CredentialFactory;
import io.azsync.auth.TokenProvider;
import io.azsync.config.Settings;
import io.azsync.model.ModelConfig;
import io.azsync.run.RunLedger;
import io.azsync.run.SyncRunner;
import io.azsync.sink.Database;
import io.azsync.sink.PageWriter;
import io.azsync.sink.SchemaManager;
import io.azsync.sink.SinkComponent;
import io.azsync.sink.StaleMarker;
import io.azsync.sink.StoredRecordMerger;
import io.azsync.sink.ViewManager;
import io.azsync.source.AzureHttpClient;
import io.azsync.source.GraphComponent;
import io.azsync.source.ResourceGraphComponent;
import io.azsync.source.RetryPolicy;
import io.azsync.source.SubscriptionLister;
import io.azsync.source.SubscriptionScope;
import io.azsync.source.ThrottleGovernor;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapComponent;
import io.azsync.transform.TransformMapLoader;

/**
 * azsync assembled: settings validated, transform maps loaded, the sink's tables created or
 * evolved, and Camel (camel-main) started with the route files and azsync's components bound in
 * its registry. Nothing talks to Azure until a stream runs.
 */
public final class AzsyncRuntime implements AutoCloseable {

    /** The Camel context name, stable so JMX ObjectNames are too. */
    public static final String CONTEXT_NAME = "azsync";

    private final Settings settings;
    private final Map<String, TransformMap> maps;
    private final Database database;
    private final RunLedger ledger;
    private final AzureHttpClient http;
    private final Main main;

    private AzsyncRuntime(Settings settings, Map<String, TransformMap> maps, Database database, AzureHttpClient http, Main main) {
        this.settings = settings;
        this.maps = maps;
        this.database = database;
        this.ledger = new RunLedger(database);
        this.http = http;
        this.main = main;
    }

    public static AzsyncRuntime start(Settings settings) {
        ConfigValidator.validateOrThrow(settings);
        Map<String, TransformMap> maps = TransformMapLoader.loadDirectory(Path.of(settings.get(Settings.TRANSFORM_MAPS_DIR)));
        Database database = Database.open(settings.get(Settings.JDBC_URL), settings.get(Settings.JDBC_USER),
                settings.get(Settings.JDBC_PASSWORD));
        try {
            SchemaManager schema = new SchemaManager(database);
            schema.ensureLedger();
            maps.values().forEach(schema::ensure);
            ModelConfig model = ModelConfig.load(Path.of(settings.get(Settings.MODEL_DIR)), settings.get(Settings.CONNECTOR));
            model.write(database, settings.get(Settings.CONNECTOR));
            Map<String, String> placeholders = new java.util.HashMap<>(model.placeholders());
            placeholders.put("include_inactive", settings.get(Settings.ENTRA_INCLUDE_INACTIVE));
            new ViewManager(database).apply(Path.of(settings.get(Settings.VIEWS_DIR)), placeholders,
                    Map.of("asset_tags", model.tags().viewSql(database.dialect())));
            AzureHttpClient http = httpClient(settings);
            Main main = camel(settings, maps, database, http);
            main.start();
            return new AzsyncRuntime(settings, maps, database, http, main);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        } catch (Exception e) {
            database.close();
            throw new IllegalStateException("Camel failed to start: " + e.getMessage(), e);
        }
    }

    /** The shared Azure HTTP client: token cache, throttle governor and retry policy from the settings. */
    public static AzureHttpClient httpClient(Settings settings) {
        TokenProvider tokens = new TokenProvider(() -> CredentialFactory.create(settings), settings.authorityHost(),
                CredentialFactory.describe(settings));
        return new AzureHttpClient(tokens, new ThrottleGovernor(settings.intValue(Settings.THROTTLE_RESERVE)),
                new RetryPolicy(settings.intValue(Settings.RETRY_MAX_ATTEMPTS), settings.duration(Settings.RETRY_BASE_DELAY),
                        settings.duration(Settings.RETRY_MAX_DELAY)),
                settings.duration(Settings.HTTP_CONNECT_TIMEOUT), settings.duration(Settings.HTTP_READ_TIMEOUT));
    }

    private static Main camel(Settings settings, Map<String, TransformMap> maps, Database database, AzureHttpClient http) {
        Main main = new Main();
        main.configure().withName(CONTEXT_NAME)
                .withRoutesIncludePattern("file:" + Path.of(settings.get(Settings.ROUTES_DIR)).toAbsolutePath() + "/*.camel.yaml")
                .withJmxEnabled(true)
                .withShutdownTimeout(10)
                .withAutoConfigurationLogSummary(false);
        settings.extraProperties().forEach(main::addInitialProperty);
        Supplier<AzureHttpClient> client = () -> http;
        main.bind("azure-resource-graph", new ResourceGraphComponent(client, settings.armEndpoint(),
                Path.of(settings.get(Settings.QUERIES_DIR))));
        main.bind("transform-map", new TransformMapComponent(maps));
        main.bind("msgraph", new GraphComponent(client, settings.graphEndpoint(), maps));
        main.bind("sink", new SinkComponent(new PageWriter(database), new StaleMarker(database), new StoredRecordMerger(database), maps));
        return main;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public RunLedger ledger() {
        return ledger;
    }

    public AzureHttpClient http() {
        return http;
    }

    public Map<String, TransformMap> maps() {
        return maps;
    }

    /** Every stream route, in route order. */
    public List<String> allStreams() {
        return SyncRunner.streams(camel());
    }

    /** The streams enabled by {@code AZSYNC_STREAMS} (all when unset). */
    public List<String> enabledStreams() {
        List<String> enabled = settings.list(Settings.STREAMS);
        List<String> all = allStreams();
        if (enabled.isEmpty()) {
            return all;
        }
        for (String s : enabled) {
            if (!all.contains(s)) {
                throw new IllegalArgumentException("AZSYNC_STREAMS names unknown stream '" + s + "' (streams: " + String.join(", ", all) + ")");
            }
        }
        return all.stream().filter(enabled::contains).toList();
    }

    /** A scope for one sync: the explicit subscriptions, or all visible ones listed on first use. */
    public SubscriptionScope newScope() {
        SubscriptionLister lister = new SubscriptionLister(http, settings.armEndpoint());
        return new SubscriptionScope(settings.list(Settings.SUBSCRIPTIONS), lister::list);
    }

    public SyncRunner runner() {
        return new SyncRunner(camel(), ledger, settings.get(Settings.CONNECTOR), this::newScope);
    }

    public Duration readTimeout() {
        return settings.duration(Settings.HTTP_READ_TIMEOUT);
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            database.close();
        }
    }
}
