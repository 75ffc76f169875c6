package io.azsync.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The long-running service ({@code azsync run}): a {@link ConnectorService} per connector, the
 * scheduler, and a JMX bean per connector.
 */
public final class ServiceMode implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceMode.class);

    private final Map<String, ConnectorService> services;
    private final List<ConnectorJmx> beans;
    private final Scheduler scheduler;
    private final ManagementApi api;
    private final List<StreamJmx> streamBeans;
    private final DirectoryWatcher watcher;
    private final AzsyncRuntime runtime;

    private ServiceMode(AzsyncRuntime runtime, Map<String, ConnectorService> services, List<ConnectorJmx> beans, List<StreamJmx> streamBeans, Scheduler scheduler,
                        ManagementApi api, DirectoryWatcher watcher) {
        this.runtime = runtime;
        this.services = services;
        this.beans = beans;
        this.streamBeans = streamBeans;
        this.scheduler = scheduler;
        this.api = api;
        this.watcher = watcher;
    }

    public static ServiceMode start(AzsyncRuntime runtime, Clock clock) {
        // connectors come and go over the API while requests read the map: a concurrent one (by name)
        Map<String, ConnectorService> services = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<ConnectorJmx> beans = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<StreamJmx> streamBeans = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServiceMode[] self = new ServiceMode[1];
        for (ConnectorContext connector : runtime.connectors().values()) {
            ConnectorService service = new ConnectorService(runtime, connector);
            services.put(connector.name(), service);
            beans.add(ConnectorJmx.register(service, runtime));
            runtime.enabledStreams(connector).forEach(stream -> streamBeans.add(StreamJmx.register(service, stream)));
        }
        Scheduler scheduler = new Scheduler(runtime, clock);
        ManagementApi api = null;
        DirectoryWatcher watcher = null;
        try {
            AzsyncHealthChecks.register(runtime, services);
            Reloader reloader = new Reloader(runtime);
            if (runtime.apiServed()) {
                api = new ManagementApi(runtime, services, reloader, () -> self[0]);
                io.azsync.config.Settings s = runtime.settings();
                // the server (with its limits and the token check before any body) starts before the API's routes need it
                runtime.camel().addService(new ApiHttpServer(s.get(io.azsync.config.Settings.API_HOST),
                        s.intValue(io.azsync.config.Settings.API_PORT), api.guard()), true, true);
                runtime.camel().addRoutes(api);
            }
            if (Boolean.parseBoolean(runtime.settings().get(io.azsync.config.Settings.RELOAD_WATCH))) {
                io.azsync.config.Settings s = runtime.settings();
                watcher = new DirectoryWatcher(java.util.stream.Stream.of(io.azsync.config.Settings.ROUTES_DIR,
                        io.azsync.config.Settings.TRANSFORM_MAPS_DIR, io.azsync.config.Settings.QUERIES_DIR, io.azsync.config.Settings.VIEWS_DIR,
                        io.azsync.config.Settings.MODEL_DIR).map(k -> java.nio.file.Path.of(s.get(k))).toList(), reloader, services.values());
            }
            scheduler.schedule(List.copyOf(services.values()));
        } catch (Exception e) {
            beans.forEach(ConnectorJmx::unregister);
            streamBeans.forEach(StreamJmx::unregister);
            scheduler.close();
            if (watcher != null) {
                watcher.close();
            }
            throw new IllegalStateException("cannot start the service: " + e.getMessage(), e);
        }
        self[0] = new ServiceMode(runtime, services, beans, streamBeans, scheduler, api, watcher);
        self[0].watchRegistry();
        return self[0];
    }

    /** Per API-managed connector, the version of it this node runs (definition, activation, credential digest). */
    private final Map<String, String> managedVersions = new java.util.concurrent.ConcurrentHashMap<>();
    private java.util.concurrent.ScheduledExecutorService refresher;

    /** Remembers the versions of the API connectors the runtime loaded at start, then re-reads them every AZSYNC_CONNECTORS_REFRESH. */
    private void watchRegistry() {
        runtime.loadedManagedConnectors().forEach(s -> managedVersions.put(s.definition().name(), version(s)));
        long every = runtime.settings().duration(io.azsync.config.Settings.CONNECTORS_REFRESH).toMillis();
        refresher = runtime.camel().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "azsync-connectors-refresh");
        refresher.scheduleWithFixedDelay(() -> {
            try {
                applyRegistry();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ServiceMode.class).warn("Connectors created over the API not refreshed: {}",
                        io.azsync.run.Failures.message(e));
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static String version(io.azsync.registry.ConnectorRegistry.Stored s) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(s.credential().toText()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return s.definition().stored() + "|" + s.activated() + "|" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the connectors this node runs match the ones stored in the database: added, replaced
     * (definition, credential or activation changed) or removed. The API's own changes go through
     * here too, so a change made through another node is applied the same way.
     */
    synchronized void applyRegistry() throws Exception {
        io.azsync.config.SecretBox box = runtime.secretBox().orElse(null);
        if (box == null) {
            return;
        }
        io.azsync.registry.ConnectorRegistry.Loaded loaded = runtime.registry().load(box, runtime.allStreams());
        // one that does not open or parse now keeps running as it was (and is not removed): said in the log
        java.util.Set<String> stored = new java.util.HashSet<>(loaded.failures().keySet());
        loaded.failures().forEach((name, why) -> LOG.warn("Connector {} in the database cannot be applied: {}", name, why));
        for (io.azsync.registry.ConnectorRegistry.Stored s : loaded.stored()) {
            String name = s.definition().name();
            stored.add(name);
            if (runtime.connectors().containsKey(name) && !runtime.isManaged(name)) {
                continue;   // a file connector of the same name: refused when it was created; the file's wins here
            }
            String version = version(s);
            if (!version.equals(managedVersions.get(name))) {
                try {
                    addConnector(ConnectorContext.of(s.definition().toConfig(runtime.settings(), s.credential())), s.activated());
                    managedVersions.put(name, version);
                } catch (ConnectorService.AlreadyRunningException e) {
                    LOG.info("Connector {} changed; it is syncing, so the change applies at the next refresh after the sync", name);
                }
            }
        }
        for (String name : List.copyOf(managedVersions.keySet())) {
            if (!stored.contains(name)) {
                try {
                    removeConnector(name);
                    managedVersions.remove(name);
                } catch (ConnectorService.AlreadyRunningException e) {
                    LOG.info("Connector {} was deleted; it is syncing, so it is removed at the next refresh after the sync", name);
                }
            }
        }
    }

    /**
     * Adds a connector created over the API (or replaces one that was changed): its service, JMX
     * beans and, when it is enabled and activated, its schedules.
     */
    synchronized ConnectorService addConnector(ConnectorContext connector, boolean activated) throws Exception {
        ConnectorService old = services.get(connector.name());
        if (old != null) {
            retire(old);
        }
        runtime.register(connector, true, activated);
        ConnectorService service = new ConnectorService(runtime, connector);
        services.put(connector.name(), service);
        beans.add(ConnectorJmx.register(service, runtime));
        runtime.enabledStreams(connector).forEach(stream -> streamBeans.add(StreamJmx.register(service, stream)));
        AzsyncHealthChecks.freshness(runtime, services, connector.name());
        if (api != null) {
            api.meter(service);
        }
        scheduler.schedule(service);
        return service;
    }

    /** Removes a connector: no longer scheduled, its beans gone, connector_states says Removed; its rows stay. */
    synchronized void removeConnector(String name) throws Exception {
        ConnectorService service = services.get(name);
        if (service != null) {
            retire(service);
            services.remove(name);
            service.removed();
        }
        runtime.unregister(name);
    }

    /** Unschedules a connector's service and drops its beans; refused (AlreadyRunningException) while it syncs. */
    private void retire(ConnectorService service) throws Exception {
        String name = service.connector().name();
        if (!service.retire()) {
            throw new ConnectorService.AlreadyRunningException("connector " + name + " is syncing: the change applies when the sync has "
                    + "finished", 0);
        }
        scheduler.unschedule(name);
        beans.removeIf(b -> {
            if (b.connector().equals(name)) {
                b.unregister();
                return true;
            }
            return false;
        });
        streamBeans.removeIf(b -> {
            if (b.connector().equals(name)) {
                b.unregister();
                return true;
            }
            return false;
        });
    }

    public Map<String, ConnectorService> services() {
        return services;
    }

    /** Error of a run the stopping service ended at a page boundary. */
    public static final String STOPPED = "stopped: azsync was asked to stop (SIGTERM); pages loaded so far stay and the next run "
            + "resumes after the last one";

    /**
     * Stops the service with the truth in the ledger: no new sync starts, queued runs end
     * {@code cancelled}, each working stream stops at its next page boundary (failed, "stopped"),
     * waiting at most {@code grace}; a stream still working then is closed as failed all the same
     * (it can write nothing more: its lease goes with this process). Connector states become
     * {@code Stopped}.
     *
     * @return the runs that did not reach a page boundary within the grace period
     */
    public List<io.azsync.run.StreamRun> stop(java.time.Duration grace) throws InterruptedException {
        if (refresher != null) {
            // no connector is added or scheduled any more
            runtime.camel().getExecutorServiceManager().shutdownNow(refresher);
        }
        io.azsync.run.ActiveRuns active = runtime.activeRuns();
        active.stopAll(STOPPED);
        scheduler.quiesce();
        for (org.apache.camel.Route route : runtime.camel().getRoutes()) {
            if ("schedule".equals(route.getGroup())) {
                try {
                    runtime.camel().getRouteController().stopRoute(route.getRouteId(), 1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ServiceMode.class).debug("Schedule {} not stopped: {}", route.getRouteId(), e.getMessage());
                }
            }
        }
        List<io.azsync.run.StreamRun> late = active.awaitIdle(grace);
        for (io.azsync.run.StreamRun run : late) {
            try {
                if (!run.hasStarted()) {
                    runtime.ledger().cancel(run, "cancelled: " + STOPPED);
                    continue;
                }
                runtime.ledger().fail(run, STOPPED + " (the grace period of " + grace.toSeconds() + " s, AZSYNC_SHUTDOWN_GRACE_PERIOD, "
                        + "ended before the stream reached a page boundary)");
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ServiceMode.class).warn("Run {} not recorded as stopped: {}", run.runId(), e.getMessage());
            }
        }
        services.values().forEach(ConnectorService::stopped);
        return late;
    }

    @Override
    public void close() {
        if (refresher != null) {
            runtime.camel().getExecutorServiceManager().shutdownNow(refresher);
        }
        scheduler.close();
        if (watcher != null) {
            watcher.close();
        }
        streamBeans.forEach(StreamJmx::unregister);
        if (api != null) {
            api.close();
        }
        beans.forEach(ConnectorJmx::unregister);
    }
}
