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

    private final Map<String, ConnectorService> services;
    private final List<ConnectorJmx> beans;
    private final Scheduler scheduler;
    private final ManagementApi api;
    private final List<StreamJmx> streamBeans;
    private final DirectoryWatcher watcher;

    private ServiceMode(Map<String, ConnectorService> services, List<ConnectorJmx> beans, List<StreamJmx> streamBeans, Scheduler scheduler,
                        ManagementApi api, DirectoryWatcher watcher) {
        this.services = services;
        this.beans = beans;
        this.streamBeans = streamBeans;
        this.scheduler = scheduler;
        this.api = api;
        this.watcher = watcher;
    }

    public static ServiceMode start(AzsyncRuntime runtime, Clock clock) {
        Map<String, ConnectorService> services = new LinkedHashMap<>();
        List<ConnectorJmx> beans = new ArrayList<>();
        List<StreamJmx> streamBeans = new ArrayList<>();
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
                api = new ManagementApi(runtime, services, reloader);
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
        return new ServiceMode(services, beans, streamBeans, scheduler, api, watcher);
    }

    public Map<String, ConnectorService> services() {
        return services;
    }

    @Override
    public void close() {
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
