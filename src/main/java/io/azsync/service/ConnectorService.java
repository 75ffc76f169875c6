package io.azsync.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.azsync.config.ConnectorConfig;
import io.azsync.run.StreamResult;
import io.azsync.run.Trigger;

/**
 * Runs a connector's syncs one at a time: a sync that finds another of the same connector running
 * is refused (never queued behind it), whether it came from the scheduler, the API or JMX. Keeps
 * the state and the counters JMX and the API show.
 */
public final class ConnectorService {

    /** Another sync of this connector is running. */
    public static final class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException(String connector) {
            super("connector " + connector + " is already syncing: try again when it has finished", null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);

    private final AzsyncRuntime runtime;
    private final ConnectorContext connector;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile ConnectorState state;
    private volatile boolean scheduled;
    private volatile Instant lastStart;
    private volatile Instant lastEnd;
    private volatile List<StreamResult> lastResults = List.of();
    private volatile String lastError;
    private volatile Instant nextFireTime;

    public ConnectorService(AzsyncRuntime runtime, ConnectorContext connector) {
        this.runtime = runtime;
        this.connector = connector;
        this.state = connector.config().enabled() ? ConnectorState.REGISTERED : ConnectorState.DISABLED;
    }

    public ConnectorContext connector() {
        return connector;
    }

    /** Syncs the connector's enabled streams of a group (null: all groups). Refuses when a sync is running. */
    public List<StreamResult> sync(String group, Trigger trigger) {
        if (!lock.tryLock()) {
            throw new AlreadyRunningException(connector.name());
        }
        try {
            List<String> streams = runtime.enabledStreams(connector).stream()
                    .filter(s -> group == null || ConnectorConfig.groupOf(s).equals(group)).toList();
            state = ConnectorState.PROCESSING;
            lastStart = Instant.now();
            LOG.info("Connector {}: {} sync of {} stream(s) started", connector.name(), trigger.dbValue(), streams.size());
            List<StreamResult> results = runtime.runner(connector).sync(streams, trigger, r -> { });
            lastEnd = Instant.now();
            lastResults = results;
            boolean ok = results.stream().allMatch(StreamResult::succeeded);
            lastError = results.stream().filter(r -> !r.succeeded()).map(r -> r.stream() + ": " + r.error()).findFirst().orElse(null);
            consecutiveFailures.set(ok ? 0 : consecutiveFailures.get() + 1);
            state = ok ? (scheduled ? ConnectorState.SCHEDULED : ConnectorState.PROCESSED) : ConnectorState.FAILED;
            LOG.info("Connector {}: sync finished in {} ms, {}", connector.name(), Duration.between(lastStart, lastEnd).toMillis(),
                    ok ? "all streams succeeded" : "failed: " + lastError);
            return results;
        } catch (RuntimeException e) {
            lastEnd = Instant.now();
            lastError = e.getMessage();
            consecutiveFailures.incrementAndGet();
            state = ConnectorState.FAILED;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    public boolean isRunning() {
        return lock.isLocked();
    }

    void scheduled(Instant next) {
        scheduled = true;
        nextFireTime = next;
        if (state == ConnectorState.REGISTERED) {
            state = ConnectorState.SCHEDULED;
        }
    }

    public ConnectorState state() {
        return state;
    }

    public Instant lastStart() {
        return lastStart;
    }

    public Instant lastEnd() {
        return lastEnd;
    }

    public List<StreamResult> lastResults() {
        return lastResults;
    }

    public String lastError() {
        return lastError;
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public Instant nextFireTime() {
        return nextFireTime;
    }
}
