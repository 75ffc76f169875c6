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

    private ServiceMode(Map<String, ConnectorService> services, List<ConnectorJmx> beans, Scheduler scheduler, ManagementApi api) {
        this.services = services;
        this.beans = beans;
        this.scheduler = scheduler;
        this.api = api;
    }

    public static ServiceMode start(AzsyncRuntime runtime, Clock clock) {
        Map<String, ConnectorService> services = new LinkedHashMap<>();
        List<ConnectorJmx> beans = new ArrayList<>();
        for (ConnectorContext connector : runtime.connectors().values()) {
            ConnectorService service = new ConnectorService(runtime, connector);
            services.put(connector.name(), service);
            beans.add(ConnectorJmx.register(service, runtime));
        }
        Scheduler scheduler = new Scheduler(runtime, clock);
        ManagementApi api = null;
        try {
            AzsyncHealthChecks.register(runtime, services);
            if (runtime.apiServed()) {
                api = new ManagementApi(runtime, services, new Reloader(runtime));
                runtime.camel().addRoutes(api);
            }
            scheduler.schedule(List.copyOf(services.values()));
        } catch (Exception e) {
            beans.forEach(ConnectorJmx::unregister);
            scheduler.close();
            throw new IllegalStateException("cannot start the service: " + e.getMessage(), e);
        }
        return new ServiceMode(services, beans, scheduler, api);
    }

    public Map<String, ConnectorService> services() {
        return services;
    }

    @Override
    public void close() {
        scheduler.close();
        if (api != null) {
            api.close();
        }
        beans.forEach(ConnectorJmx::unregister);
    }
}
