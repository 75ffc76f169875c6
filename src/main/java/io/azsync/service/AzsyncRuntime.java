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
import io.azsync.config.ConnectorsFile;
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
import io.azsync.transform.TransformMaps;

/**
 * azsync assembled: settings validated, transform maps loaded, the sink's tables created or
 * evolved, and Camel (camel-main) started with the route files and azsync's components bound in
 * its registry. Nothing talks to Azure until a stream runs.
 */
public final class AzsyncRuntime implements AutoCloseable {

    /** The Camel context name, stable so JMX ObjectNames are too. */
    public static final String CONTEXT_NAME = "azsync";

    private final Settings settings;
    private final TransformMaps maps;
    private final Database database;
    private final RunLedger ledger;
    private final io.azsync.run.ProcessIdentity identity;
    private final io.azsync.run.StreamLeases leases;
    private final io.azsync.run.ActiveRuns active = new io.azsync.run.ActiveRuns();
    private java.util.concurrent.ScheduledExecutorService heartbeat;
    private final Map<String, ConnectorContext> connectors;
    private final Main main;
    private final java.time.Instant startedAt = java.time.Instant.now();
    private boolean apiServed;

    private AzsyncRuntime(Settings settings, TransformMaps maps, Database database, Map<String, ConnectorContext> connectors,
                          Main main) {
        this.settings = settings;
        this.maps = maps;
        this.database = database;
        this.identity = io.azsync.run.ProcessIdentity.create();
        this.ledger = new RunLedger(database, identity.holder());
        this.leases = new io.azsync.run.StreamLeases(database, identity, settings.duration(Settings.LEASE_TTL));
        this.connectors = connectors;
        this.main = main;
    }

    /**
     * Starts this process's heartbeat (so other processes see its stream leases as held) and closes
     * the runs that dead processes left running or queued.
     */
    private void startHeartbeat() {
        leases.heartbeat();
        int closed = leases.closeRunsOfDeadOwners();
        if (closed > 0) {
            org.slf4j.LoggerFactory.getLogger(AzsyncRuntime.class).warn(
                    "Closed {} run(s) left open by a process that ended (running ones as failed: interrupted, queued ones as cancelled)", closed);
        }
        long every = Math.max(100, leases.ttl().toMillis() / 3);
        heartbeat = camel().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "azsync-heartbeat");
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                leases.heartbeat();
                // a process replaced within the lease's life leaves queued runs behind: close them as soon as it is dead
                leases.closeRunsOfDeadOwners();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AzsyncRuntime.class).warn("Heartbeat not recorded: {}", io.azsync.run.Failures.message(e));
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public static AzsyncRuntime start(Settings settings) {
        return start(settings, false);
    }

    /**
     * @param serveApi start Camel's HTTP server for the REST management API (service mode); refuses
     *                 without AZSYNC_API_TOKEN unless the API is switched off
     */
    public static AzsyncRuntime start(Settings settings, boolean serveApi) {
        boolean api = serveApi && Boolean.parseBoolean(settings.get(Settings.API_ENABLED));
        if (api && settings.find(Settings.API_TOKEN).isEmpty()) {
            throw new io.azsync.config.InvalidConfigurationException(java.util.List.of(new io.azsync.config.Problem("AZSYNC_API_TOKEN", 0,
                    "the REST API needs a bearer token: set AZSYNC_API_TOKEN to a long random value, or AZSYNC_API_ENABLED=false to run without the API")));
        }
        io.azsync.config.Secrets.redactStandardError();
        ConfigValidator.validateOrThrow(settings);
        Map<String, ConnectorContext> connectors = new java.util.LinkedHashMap<>();
        ConnectorsFile.load(settings, settings.environment()).forEach(c -> connectors.put(c.name(), ConnectorContext.of(c)));
        Map<String, TransformMap> maps = TransformMapLoader.loadDirectory(Path.of(settings.get(Settings.TRANSFORM_MAPS_DIR)));
        Database database = Database.open(settings.get(Settings.JDBC_URL), settings.get(Settings.JDBC_USER),
                settings.get(Settings.JDBC_PASSWORD));
        try {
            prepareDatabase(settings, maps, database, connectors.keySet());
            TransformMaps mapRegistry = new TransformMaps(maps);
            Main main = camel(settings, mapRegistry, database);
            if (Boolean.parseBoolean(settings.get(Settings.CLUSTERED))) {
                main.bind("quartz", QuartzClusterStore.component(database));
            }
            main.start();
            AzsyncRuntime runtime = new AzsyncRuntime(settings, mapRegistry, database, java.util.Collections.unmodifiableMap(connectors), main);
            runtime.apiServed = api;
            try {
                runtime.startHeartbeat();
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
            return runtime;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        } catch (Exception e) {
            database.close();
            throw new IllegalStateException("Camel failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * Creates or evolves the tables of the maps and the ledger, writes the model tables for every
     * connector, and recreates the views. Run at start and after a reload.
     */
    static void prepareDatabase(Settings settings, Map<String, TransformMap> maps, Database database, java.util.Collection<String> connectors) {
        database.exclusively(() -> prepareSchema(settings, maps, database, connectors));
    }

    private static void prepareSchema(Settings settings, Map<String, TransformMap> maps, Database database,
                                      java.util.Collection<String> connectors) {
        SchemaManager schema = new SchemaManager(database);
        schema.ensureLedger();
        maps.values().forEach(schema::ensure);
        ModelConfig model = null;
        for (String connector : connectors) {
            model = ModelConfig.load(Path.of(settings.get(Settings.MODEL_DIR)), connector);
            model.write(database, connector);
        }
        if (model == null) {
            return;
        }
        Map<String, String> placeholders = new java.util.HashMap<>(model.placeholders());
        placeholders.put("include_inactive", settings.get(Settings.ENTRA_INCLUDE_INACTIVE));
        new ViewManager(database).apply(Path.of(settings.get(Settings.VIEWS_DIR)), placeholders,
                Map.of("asset_tags", model.tags().viewSql(database.dialect())));
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

    private static Main camel(Settings settings, TransformMaps mapRegistry, Database database) {
        Main main = new Main();
        main.configure().withName(CONTEXT_NAME)
                .withRoutesIncludePattern("file:" + Path.of(settings.get(Settings.ROUTES_DIR)).toAbsolutePath() + "/*.camel.yaml")
                .withJmxEnabled(true)
                .withShutdownTimeout(10)
                .withAutoConfigurationLogSummary(false);
        settings.extraProperties().forEach(main::addInitialProperty);
        main.bind("azure-resource-graph", new ResourceGraphComponent(Path.of(settings.get(Settings.QUERIES_DIR))));
        main.bind("transform-map", new TransformMapComponent(mapRegistry));
        main.bind("msgraph", new GraphComponent(mapRegistry));
        main.bind("sink", new SinkComponent(new PageWriter(database), new StaleMarker(database), new StoredRecordMerger(database), mapRegistry));
        return main;
    }

    public boolean clustered() {
        return Boolean.parseBoolean(settings.get(Settings.CLUSTERED));
    }

    /** True when Camel's HTTP server runs for the REST management API. */
    public boolean apiServed() {
        return apiServed;
    }

    public java.time.Instant startedAt() {
        return startedAt;
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

    /** Connectors by name, in file order. */
    public Map<String, ConnectorContext> connectors() {
        return connectors;
    }

    public ConnectorContext connector(String name) {
        ConnectorContext c = connectors.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown connector '" + name + "' (connectors: " + String.join(", ", connectors.keySet()) + ")");
        }
        return c;
    }

    /** The connectors that are enabled, in file order. */
    public List<ConnectorContext> enabledConnectors() {
        return connectors.values().stream().filter(c -> c.config().enabled()).toList();
    }

    public TransformMaps maps() {
        return maps;
    }

    /** Every stream route, in route order. */
    public List<String> allStreams() {
        return SyncRunner.streams(camel());
    }

    /** The streams a connector enables ({@code streams} of the connector, or AZSYNC_STREAMS, or all). */
    public List<String> enabledStreams(ConnectorContext connector) {
        return connector.streams(allStreams());
    }

    public SyncRunner runner(ConnectorContext connector) {
        return new SyncRunner(camel(), ledger, leases, active, connector.connection(), () -> connector.newScope(database));
    }

    /** Stream leases of this process (who runs which stream, across processes). */
    public io.azsync.run.StreamLeases leases() {
        return leases;
    }

    /** The runs of this process that are queued or working. */
    public io.azsync.run.ActiveRuns activeRuns() {
        return active;
    }

    @Override
    public void close() {
        try {
            if (heartbeat != null) {
                camel().getExecutorServiceManager().shutdownNow(heartbeat);
            }
            try {
                leases.close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AzsyncRuntime.class).warn("Leases not released: {}", io.azsync.run.Failures.message(e));
            }
            main.stop();
        } finally {
            identity.retire();
            database.close();
        }
    }
}
