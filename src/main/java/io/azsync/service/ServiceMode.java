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

    private ServiceMode(Map<String, ConnectorService> services, List<ConnectorJmx> beans, Scheduler scheduler) {
        this.services = services;
        this.beans = beans;
        this.scheduler = scheduler;
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
        try {
            scheduler.schedule(List.copyOf(services.values()));
        } catch (Exception e) {
            beans.forEach(ConnectorJmx::unregister);
            scheduler.close();
            throw new IllegalStateException("cannot schedule the connectors: " + e.getMessage(), e);
        }
        return new ServiceMode(services, beans, scheduler);
    }

    public Map<String, ConnectorService> services() {
        return services;
    }

    @Override
    public void close() {
        scheduler.close();
        beans.forEach(ConnectorJmx::unregister);
    }
}
