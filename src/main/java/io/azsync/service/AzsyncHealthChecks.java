package io.azsync.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import io.azsync.config.Schedule;

/**
 * azsync's readiness checks, registered with Camel's health-check registry beside Camel's own
 * (context, routes): the sink database answers, and each scheduled connector's last sync is not
 * older than three of its intervals.
 */
final class AzsyncHealthChecks {

    private AzsyncHealthChecks() {
    }

    static void register(AzsyncRuntime runtime, Map<String, ConnectorService> services) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(runtime.camel());
        if (registry == null) {
            return;
        }
        registry.register(new AbstractHealthCheck("azsync", "database") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                try {
                    runtime.database().inTransaction(c -> c.isValid(5));
                    builder.up();
                } catch (RuntimeException e) {
                    builder.down().message("the sink database does not answer: " + e.getMessage());
                }
            }
        });
        for (String name : services.keySet()) {
            freshness(runtime, services, name);
        }
    }

    /**
     * The freshness check of a connector, registered once per name: it reads the connector's service
     * from the map on every call, so a connector replaced over the API is judged as it is now; one
     * that was removed, is disabled or has not passed its test (not scheduled) is UP.
     */
    static void freshness(AzsyncRuntime runtime, Map<String, ConnectorService> services, String name) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(runtime.camel());
        if (registry == null || registry.getCheck("freshness-" + name).isPresent()) {
            return;
        }
        registry.register(new AbstractHealthCheck("azsync", "freshness-" + name) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                ConnectorService service = services.get(name);
                if (service == null || !runtime.isActivated(name) || !service.connector().config().enabled()) {
                    builder.detail("state", service == null ? "Removed" : service.state().label());
                    builder.up();
                    return;
                }
                Schedule schedule = service.connector().config().scheduleOf("default");
                Instant last = service.lastEnd();
                builder.detail("state", service.state().label());
                if (schedule.every() == null) {
                    builder.up();
                    return;
                }
                Duration limit = schedule.every().multipliedBy(3);
                Instant since = last != null ? last : runtime.startedAt();
                if (Duration.between(since, Instant.now()).compareTo(limit) > 0) {
                    builder.down().message("connector " + name + " has not finished a sync for over " + limit);
                } else {
                    builder.up();
                }
            }
        });
    }
}
