package io.azsync.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import io.azsync.auth.CredentialFactory;
import io.azsync.auth.TokenProvider;
import io.azsync.config.ConnectorsFile;
import io.azsync.config.Settings;
import io.azsync.run.RunStore;
import io.azsync.run.SyncRunner;
import io.azsync.sink.Database;
import io.azsync.source.AzureHttpClient;
import io.azsync.source.ThrottleGovernor;
import io.azsync.transform.TransformMap;
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
    private final AzsyncConfiguration configuration;
    private final io.azsync.run.ProcessIdentity identity = io.azsync.run.ProcessIdentity.create();
    private final io.azsync.run.ActiveRuns active = new io.azsync.run.ActiveRuns();
    private volatile Map<String, ConnectorContext> connectors;
    /** Connectors created over the REST API (kept in the database), and those of them not activated yet (no passing test). */
    private final java.util.Set<String> managed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> inactive = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Optional<io.azsync.config.SecretBox> secretBox;
    private volatile io.azsync.registry.ConnectorRegistry registry;
    private final Main main;
    private final boolean apiServed;
    private final java.time.Instant startedAt = java.time.Instant.now();
    private volatile TransformMaps maps;
    private volatile Database database;
    private volatile RunStore ledger;
    private volatile io.azsync.run.StreamLeases leases;
    private java.util.concurrent.ScheduledExecutorService heartbeat;

    private AzsyncRuntime(Settings settings, AzsyncConfiguration configuration, Map<String, ConnectorContext> connectors, Main main,
                          boolean apiServed, java.util.Optional<io.azsync.config.SecretBox> secretBox) {
        this.secretBox = secretBox;
        this.settings = settings;
        this.configuration = configuration;
        this.connectors = connectors;
        this.main = main;
        this.apiServed = apiServed;
    }

    /**
     * Checks everything and prepares camel-main (nothing started yet): the settings feed Camel's
     * properties, {@link AzsyncConfiguration} binds the beans, the route files are included.
     *
     * @param serveApi the service will serve the REST management API; refused without
     *                 AZSYNC_API_TOKEN unless the API is switched off
     */
    public static AzsyncRuntime create(Settings settings, boolean serveApi) {
        boolean api = serveApi && Boolean.parseBoolean(settings.get(Settings.API_ENABLED));
        if (api && settings.find(Settings.API_TOKEN).isEmpty()) {
            throw new io.azsync.config.InvalidConfigurationException(java.util.List.of(new io.azsync.config.Problem("AZSYNC_API_TOKEN", 0,
                    "the REST API needs a bearer token: set AZSYNC_API_TOKEN to a long random value, or AZSYNC_API_ENABLED=false to run without the API")));
        }
        io.azsync.config.Secrets.redactStandardError();
        ConfigValidator.validateOrThrow(settings);
        Map<String, ConnectorContext> connectors = new java.util.LinkedHashMap<>();
        ConnectorsFile.load(settings, settings.environment()).forEach(c -> connectors.put(c.name(), ConnectorContext.of(c)));
        java.util.Optional<io.azsync.config.SecretBox> box;
        try {
            box = io.azsync.config.SecretBox.fromEnvironment(settings.environment());
        } catch (io.azsync.config.SecretBox.SecretKeyException e) {
            throw new io.azsync.config.InvalidConfigurationException(List.of(new io.azsync.config.Problem(io.azsync.config.SecretBox.KEY_ENV, 0,
                    e.getMessage())));
        }
        AzsyncConfiguration configuration = new AzsyncConfiguration(settings, List.copyOf(connectors.keySet()));
        return new AzsyncRuntime(settings, configuration, java.util.Collections.unmodifiableMap(connectors), camel(settings, configuration),
                api, box);
    }

    /** Creates and starts azsync (for commands that run and end: sync, test-connection, tests). */
    public static AzsyncRuntime start(Settings settings) {
        return start(settings, false);
    }

    public static AzsyncRuntime start(Settings settings, boolean serveApi) {
        return start(create(settings, serveApi));
    }

    /**
     * As {@link #start(Settings)}, for a sync that runs as soon as azsync is up, with what is on the
     * way to its first request done side by side: the Resource Manager token of each connector it
     * syncs (those named, or every enabled one), then its subscription list, are fetched on a daemon
     * thread, and the database's tables and views are prepared on another while Camel starts its
     * routes. A failure to fetch is left to the sync's own requests, which report it with the fix; a
     * failure to prepare the database fails the start as before.
     */
    public static AzsyncRuntime startForSync(Settings settings, List<String> connectorNames) {
        AzsyncRuntime runtime = create(settings, false);
        List<ConnectorContext> chosen = connectorNames == null || connectorNames.isEmpty() ? runtime.enabledConnectors()
                : connectorNames.stream().map(runtime.connectors()::get).filter(java.util.Objects::nonNull).toList();
        if (!Boolean.parseBoolean(settings.get(Settings.CLUSTERED))) {
            runtime.configuration.prepareInBackground();
        }
        // a sync that runs and ends has no operator watching Camel's MBeans (the service has): registering one for every
        // route, processor and endpoint was most of the routes' start, 0.44 of 0.46 s (camel.main.jmx-enabled in AZSYNC_CONFIG decides)
        if (!settings.extraProperties().containsKey("camel.main.jmx-enabled") && !settings.extraProperties().containsKey("camel.main.jmxEnabled")) {
            runtime.main.configure().withJmxEnabled(false);
        }
        // before Camel starts, so none of its executors exists yet: a short-lived daemon thread per connector
        for (ConnectorContext connector : chosen) {
            connector.expectPrefetch();
            Thread prefetch = new Thread(connector::prefetch, "azsync-prefetch-" + connector.name());
            prefetch.setDaemon(true);
            prefetch.start();
        }
        return start(runtime);
    }

    private static AzsyncRuntime start(AzsyncRuntime runtime) {
        try {
            runtime.main.start();
            runtime.started();
            return runtime;
        } catch (Exception e) {
            runtime.close();
            throw startFailure(e);
        }
    }

    /**
     * camel-main's {@code run()}: starts Camel, calls {@code whenStarted}, waits until
     * {@link #stopRunning()} (a stop signal), calls {@code beforeStop} while Camel still runs, then
     * stops Camel with camel-main's shutdown handling and releases what azsync holds.
     */
    public void run(ThrowingRunnable whenStarted, ThrowingRunnable beforeStop) throws Exception {
        Exception[] failure = new Exception[1];
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void afterStart(org.apache.camel.main.BaseMainSupport m) {
                try {
                    started();
                    whenStarted.run();
                } catch (Exception e) {
                    failure[0] = e;
                    main.completed();
                }
            }

            @Override
            public void beforeStop(org.apache.camel.main.BaseMainSupport m) {
                if (failure[0] == null) {
                    try {
                        beforeStop.run();
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                }
            }
        });
        try {
            main.run();
        } catch (Exception e) {
            throw startFailure(e);
        } finally {
            close();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Asks {@link #run} to stop (what SIGTERM does). */
    public void stopRunning() {
        main.completed();
    }

    /** A step of {@link #run} that may fail. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Camel started with the beans bound: take them, and start the heartbeat (other processes now see this one's leases as held). */
    private void started() {
        maps = configuration.loadedMaps();
        database = configuration.openedDatabase();
        if (database == null) {
            throw new IllegalStateException("Camel started without binding azsync's database");
        }
        configuration.awaitPrepared();
        ledger = new RunStore(database, identity.holder()).fullReconciliationEvery(connector -> {
            ConnectorContext c = connectors.get(connector);
            return (c == null ? settings : c.settings()).duration(Settings.DELTA_FULL_EVERY);
        });
        leases = new io.azsync.run.StreamLeases(database, identity, settings.duration(Settings.LEASE_TTL));
        registry = new io.azsync.registry.ConnectorRegistry(database);
        loadManagedConnectors();
        startHeartbeat();
    }

    /**
     * Adds the connectors created over the REST API (stored in the database) to those of the file
     * or environment. Stored connectors without the key that sealed their credentials are an error
     * naming the fix: none is silently dropped.
     */
    private void loadManagedConnectors() {
        List<String> names = registry.names();
        if (names.isEmpty()) {
            return;
        }
        if (secretBox.isEmpty()) {
            throw new io.azsync.config.InvalidConfigurationException(List.of(new io.azsync.config.Problem(io.azsync.config.SecretBox.KEY_ENV, 0,
                    names.size() + " connector(s) created over the REST API (" + String.join(", ", names) + ") keep their credentials "
                    + "encrypted in the database: set AZSYNC_SECRET_KEY (or AZSYNC_SECRET_KEY_FILE) to the key they were stored with")));
        }
        io.azsync.registry.ConnectorRegistry.Loaded loaded = registry.load(secretBox.get(), allStreams());
        if (!loaded.failures().isEmpty()) {
            // a connector that cannot be opened is no reason to run the others as if it did not exist: say which and why
            throw new io.azsync.config.InvalidConfigurationException(loaded.failures().entrySet().stream()
                    .map(e -> new io.azsync.config.Problem(io.azsync.config.SecretBox.KEY_ENV, 0, "connector " + e.getKey() + ": " + e.getValue()))
                    .toList());
        }
        List<io.azsync.registry.ConnectorRegistry.Stored> stored = loaded.stored();
        loadedManaged = List.copyOf(stored);
        for (io.azsync.registry.ConnectorRegistry.Stored s : stored) {
            String name = s.definition().name();
            if (connectors.containsKey(name)) {
                throw new io.azsync.config.InvalidConfigurationException(List.of(new io.azsync.config.Problem(
                        settings.get(Settings.CONNECTORS_FILE), 0, "connector " + name + " is defined in this file and was also created "
                        + "over the REST API: rename or remove the file's, or delete the API's (DELETE /api/connectors/" + name + ")")));
            }
            register(ConnectorContext.of(s.definition().toConfig(settings, s.credential())), true, s.activated());
        }
    }

    private volatile List<io.azsync.registry.ConnectorRegistry.Stored> loadedManaged = List.of();

    /** The API-managed connectors as loaded at start (what this node runs until its first refresh). */
    public List<io.azsync.registry.ConnectorRegistry.Stored> loadedManagedConnectors() {
        return loadedManaged;
    }

    /** The store of connectors created over the REST API. */
    public io.azsync.registry.ConnectorRegistry registry() {
        return registry;
    }

    /** The key that seals the credentials of API-managed connectors, if one is set. */
    public java.util.Optional<io.azsync.config.SecretBox> secretBox() {
        return secretBox;
    }

    /** Whether a connector was created over the REST API (not read from the file or the environment). */
    public boolean isManaged(String name) {
        return managed.contains(name);
    }

    /** False for an API-managed connector that has not passed a test yet (nor was activated without one). */
    public boolean isActivated(String name) {
        return !inactive.contains(name);
    }

    /** Adds (or replaces) a connector at run time, with its model rows. */
    synchronized void register(ConnectorContext connector, boolean managedOverApi, boolean activated) {
        Map<String, ConnectorContext> copy = new java.util.LinkedHashMap<>(connectors);
        copy.put(connector.name(), connector);
        if (managedOverApi) {
            managed.add(connector.name());
        }
        if (activated) {
            inactive.remove(connector.name());
        } else {
            inactive.add(connector.name());
        }
        io.azsync.model.ModelConfig.load(java.nio.file.Path.of(settings.get(Settings.MODEL_DIR)), connector.name())
                .write(database, connector.name());
        connectors = java.util.Collections.unmodifiableMap(copy);
    }

    /** Removes a connector at run time (its rows stay). */
    synchronized void unregister(String name) {
        Map<String, ConnectorContext> copy = new java.util.LinkedHashMap<>(connectors);
        copy.remove(name);
        managed.remove(name);
        inactive.remove(name);
        connectors = java.util.Collections.unmodifiableMap(copy);
    }

    /** The cause a user can act on (a database that cannot be reached, an invalid file), not Camel's wrapping. */
    private static RuntimeException startFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.azsync.sink.DatabaseException || t instanceof io.azsync.config.InvalidConfigurationException) {
                return (RuntimeException) t;
            }
        }
        return e instanceof RuntimeException r && e.getCause() == null ? r
                : new IllegalStateException("Camel failed to start: " + e.getMessage(), e);
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

    /**
     * Creates or evolves the tables of the maps and the ledger, writes the model tables for every
     * connector, and recreates the views. Run at start (by {@link AzsyncConfiguration}) and after a reload.
     */
    static void prepareDatabase(Settings settings, Map<String, TransformMap> maps, Database database, java.util.Collection<String> connectors) {
        AzsyncConfiguration.prepare(settings, maps, database, connectors);
    }

    /**
     * Resource Graph's quota window as Microsoft documents it ("at most 15 queries within every
     * 5-second window"): the governors' shortest window (a longer one reported by Azure is learned;
     * the APIs without quota headers never use it).
     */
    static final java.time.Duration RESOURCE_GRAPH_WINDOW = java.time.Duration.ofSeconds(5);

    /** The shared Azure HTTP client: token cache, throttle governor and retry policy from the settings. */
    public static AzureHttpClient httpClient(Settings settings) {
        TokenProvider tokens = new TokenProvider(() -> CredentialFactory.create(settings), settings.authorityHost(),
                CredentialFactory.describe(settings));
        int reserve = settings.intValue(Settings.THROTTLE_RESERVE);
        return new AzureHttpClient(tokens, () -> new ThrottleGovernor(reserve, RESOURCE_GRAPH_WINDOW), settings.intValue(Settings.RETRY_MAX_ATTEMPTS),
                settings.duration(Settings.RETRY_BASE_DELAY), settings.duration(Settings.RETRY_MAX_DELAY),
                settings.duration(Settings.HTTP_CONNECT_TIMEOUT), settings.duration(Settings.HTTP_READ_TIMEOUT),
                com.azure.core.http.policy.HttpLogDetailLevel.valueOf(settings.get(Settings.HTTP_LOG).toUpperCase(java.util.Locale.ROOT)));
    }

    private static Main camel(Settings settings, AzsyncConfiguration configuration) {
        Main main = new Main();
        main.configure().withName(CONTEXT_NAME)
                .withRoutesIncludePattern("file:" + Path.of(settings.get(Settings.ROUTES_DIR)).toAbsolutePath() + "/*.camel.yaml")
                .withJmxEnabled(true)
                .withShutdownTimeout(10)
                .withAutoConfigurationLogSummary(false);
        // one property system: azsync's validated settings (never its secrets) are Camel's properties, for
        // @PropertyInject, component options and {{azsync.*}} placeholders in route files. They override whatever Camel
        // would find itself (environment, system properties), and Camel reads no properties file of its own: azsync
        // read AZSYNC_CONFIG already and passes its other keys (camel.*) on.
        main.setDefaultPropertyPlaceholderLocation("false");
        // Environment variables and system properties only fill in keys azsync does not set: by default Camel lets them
        // override every property, so an exported AZSYNC_JDBC_URL won over the settings of a process that was given others
        // (the demo's, the launcher's training run) and it synced the simulated tenant into the database the environment named
        main.addOverrideProperty("camel.component.properties.environment-variable-mode",
                String.valueOf(org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK));
        main.addOverrideProperty("camel.component.properties.system-properties-mode",
                String.valueOf(org.apache.camel.component.properties.PropertiesComponent.SYSTEM_PROPERTIES_MODE_FALLBACK));
        settings.camelProperties().forEach(main::addOverrideProperty);
        settings.extraProperties().forEach(main::addInitialProperty);
        main.addOverrideProperty("camel.component.azure-resource-graph.queries-dir", settings.get(Settings.QUERIES_DIR));
        main.configure().addConfiguration(configuration);
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

    public RunStore ledger() {
        return ledger;
    }

    /** Connectors by name: the file's in file order, then those created over the API (a snapshot). */
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
        return new SyncRunner(camel(), ledger, leases, active, connector.connection(), () -> connector.newScope(database))
                .concurrency(settings.intValue(Settings.STREAM_CONCURRENCY));
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (heartbeat != null) {
                camel().getExecutorServiceManager().shutdownNow(heartbeat);
            }
            try {
                if (leases != null) {
                    leases.close();
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AzsyncRuntime.class).warn("Leases not released: {}", io.azsync.run.Failures.message(e));
            }
            main.stop();
        } finally {
            identity.retire();
            Database db = configuration.openedDatabase();
            if (db != null) {
                configuration.settlePreparation();
                db.close();
            }
        }
    }

    private boolean closed;
}
