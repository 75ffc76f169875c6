package io.azsync.service;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import io.azsync.run.Failures;
import io.azsync.run.StreamResult;
import io.azsync.run.Trigger;

/** The {@link ConnectorMBean} of one connector, registered in the platform MBean server. */
public final class ConnectorJmx implements ConnectorMBean {

    private final ConnectorService service;
    private final AzsyncRuntime runtime;
    private final ObjectName name;

    private ConnectorJmx(ConnectorService service, AzsyncRuntime runtime) throws JMException {
        this.service = service;
        this.runtime = runtime;
        this.name = objectName(service.connector().name());
    }

    public static ObjectName objectName(String connector) throws JMException {
        return new ObjectName("io.azsync:type=Connector,name=" + ObjectName.quote(connector));
    }

    static ConnectorJmx register(ConnectorService service, AzsyncRuntime runtime) {
        try {
            ConnectorJmx bean = new ConnectorJmx(service, runtime);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(bean.name)) {
                server.unregisterMBean(bean.name);
            }
            server.registerMBean(new StandardMBean(bean, ConnectorMBean.class), bean.name);
            return bean;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the JMX bean of connector " + service.connector().name(), e);
        }
    }

    /** The connector this bean is about. */
    String connector() {
        return service.connector().name();
    }

    void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException ignored) {
            // already gone
        }
    }

    @Override
    public String getState() {
        return service.state().label();
    }

    @Override
    public String getLastRunStart() {
        return service.lastStart() == null ? null : service.lastStart().toString();
    }

    @Override
    public String getLastRunEnd() {
        return service.lastEnd() == null ? null : service.lastEnd().toString();
    }

    @Override
    public long getLastRunDurationMillis() {
        return service.lastStart() == null || service.lastEnd() == null ? 0
                : Math.max(0, Duration.between(service.lastStart(), service.lastEnd()).toMillis());
    }

    private long sum(ToLongFunction<StreamResult> f) {
        return service.lastResults().stream().mapToLong(f).sum();
    }

    @Override
    public long getRecordsRead() {
        return sum(StreamResult::recordsRead);
    }

    @Override
    public long getRecordsWritten() {
        return sum(StreamResult::recordsWritten);
    }

    @Override
    public long getRecordsUnchanged() {
        return sum(StreamResult::recordsUnchanged);
    }

    @Override
    public long getRecordsRejected() {
        return sum(StreamResult::recordsRejected);
    }

    @Override
    public long getRecordsDeleted() {
        return sum(StreamResult::recordsDeleted);
    }

    @Override
    public String getLastError() {
        return service.lastError();
    }

    @Override
    public String getNextFireTime() {
        return service.nextFireTime() == null ? null : service.nextFireTime().toString();
    }

    @Override
    public int getConsecutiveFailures() {
        return service.consecutiveFailures();
    }

    @Override
    public String syncNow() {
        try {
            List<StreamResult> results = service.sync(null, Trigger.API);
            long failed = results.stream().filter(r -> !r.succeeded()).count();
            return results.size() + " stream(s) synced, " + failed + " failed; runs "
                    + results.stream().map(r -> String.valueOf(r.runId())).collect(Collectors.joining(","));
        } catch (ConnectorService.AlreadyRunningException e) {
            return "not synced: " + e.getMessage();
        } catch (RuntimeException e) {
            return "not synced: " + Failures.message(e);
        }
    }

    @Override
    public String testConnection() {
        return new ConnectionTester(runtime, service.connector()).run(runtime.enabledStreams(service.connector())).stream()
                .map(r -> (r.ok() ? "PASS " : "FAIL ") + r.name() + ": " + r.detail()).collect(Collectors.joining("\n"));
    }
}
