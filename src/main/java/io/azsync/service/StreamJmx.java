package io.azsync.service;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.function.ToLongFunction;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import io.azsync.run.StreamResult;

/** The {@link StreamMBean} of one connector's stream, registered in the platform MBean server. */
final class StreamJmx implements StreamMBean {

    private final ConnectorService service;
    private final String stream;
    private final ObjectName name;

    private StreamJmx(ConnectorService service, String stream) throws JMException {
        this.service = service;
        this.stream = stream;
        this.name = objectName(service.connector().name(), stream);
    }

    static ObjectName objectName(String connector, String stream) throws JMException {
        return new ObjectName("io.azsync:type=Stream,connector=" + ObjectName.quote(connector) + ",name=" + ObjectName.quote(stream));
    }

    static StreamJmx register(ConnectorService service, String stream) {
        try {
            StreamJmx bean = new StreamJmx(service, stream);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(bean.name)) {
                server.unregisterMBean(bean.name);
            }
            server.registerMBean(new StandardMBean(bean, StreamMBean.class), bean.name);
            return bean;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the JMX bean of stream " + stream, e);
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

    private Optional<StreamResult> last() {
        return Optional.ofNullable(service.lastByStream().get(stream));
    }

    private long value(ToLongFunction<StreamResult> f) {
        return last().map(f::applyAsLong).orElse(0L);
    }

    @Override
    public String getLastRunState() {
        return last().map(r -> r.state().dbValue()).orElse(null);
    }

    @Override
    public long getLastRunId() {
        return value(StreamResult::runId);
    }

    @Override
    public long getLastRunDurationMillis() {
        return value(r -> r.elapsed().toMillis());
    }

    @Override
    public long getPages() {
        return value(StreamResult::pages);
    }

    @Override
    public long getRecordsRead() {
        return value(StreamResult::recordsRead);
    }

    @Override
    public long getRecordsWritten() {
        return value(StreamResult::recordsWritten);
    }

    @Override
    public long getRecordsUnchanged() {
        return value(StreamResult::recordsUnchanged);
    }

    @Override
    public long getRecordsRejected() {
        return value(StreamResult::recordsRejected);
    }

    @Override
    public long getRecordsDeleted() {
        return value(StreamResult::recordsDeleted);
    }

    @Override
    public String getMode() {
        return last().map(r -> r.incremental() ? "delta" : "full").orElse(null);
    }

    @Override
    public String getLastError() {
        return io.azsync.config.Secrets.redact(last().map(StreamResult::error).orElse(null));
    }
}
