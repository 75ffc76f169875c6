package io.azsync.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

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
            this("connector " + connector + " is already syncing: try again when it has finished", 0);
        }

        AlreadyRunningException(String message, int unused) {
            super(message, null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);

    private final AzsyncRuntime runtime;
    private final ConnectorContext connector;
    private final Semaphore permit = new Semaphore(1);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile ConnectorState state;
    private volatile boolean scheduled;
    private volatile Instant lastStart;
    private volatile Instant lastEnd;
    private volatile List<StreamResult> lastResults = List.of();
    private volatile String lastError;
    private volatile Instant nextFireTime;
    private final java.util.Map<String, StreamResult> lastByStream = new java.util.concurrent.ConcurrentHashMap<>();

    public ConnectorService(AzsyncRuntime runtime, ConnectorContext connector) {
        this.runtime = runtime;
        this.connector = connector;
        this.state = connector.config().enabled() ? ConnectorState.REGISTERED : ConnectorState.DISABLED;
        persist();
    }

    /** Records the state in connector_states; a database hiccup must not stop a sync, so it is only logged. */
    private void persist() {
        try {
            runtime.ledger().saveConnectorState(new io.azsync.run.RunStore.ConnectorEntry(connector.name(), state.label(), nextFireTime,
                    lastStart, lastEnd, consecutiveFailures.get(), lastError, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warn("Connector {}: cannot record its state: {}", connector.name(), e.getMessage());
        }
    }

    /** The last result of each stream, whatever sync it came from. */
    public java.util.Map<String, StreamResult> lastByStream() {
        return lastByStream;
    }

    public ConnectorContext connector() {
        return connector;
    }

    private volatile boolean retired;

    /**
     * This service gives way to a changed or removed connector: false when a sync runs (the change
     * waits); otherwise no sync of it starts again (a schedule or catch-up that still fires is refused).
     */
    boolean retire() {
        if (!permit.tryAcquire()) {
            return false;
        }
        retired = true;
        return true;
    }

    private void refuseWhenRetired() {
        if (retired) {
            throw new AlreadyRunningException("connector " + connector.name() + " was changed or removed: this sync is not started", 0);
        }
    }

    /** Syncs the connector's enabled streams of a group (null: all groups). Refuses when a sync is running. */
    public List<StreamResult> sync(String group, Trigger trigger) {
        refuseWhenRetired();
        if (!permit.tryAcquire()) {
            throw new AlreadyRunningException(connector.name());
        }
        try {
            return execute(runtime.runner(connector).queue(streamsOf(group, null), trigger, r -> { }, false), trigger);
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        } finally {
            permit.release();
        }
    }

    /**
     * Starts a sync in the background and returns its queued runs at once (their ids are in
     * sync_runs already). Refuses when a sync is running.
     *
     * @param streams the streams to sync, or null for every enabled stream
     */
    public List<io.azsync.run.StreamRun> start(List<String> streams, boolean full, Trigger trigger, Executor executor) {
        refuseWhenRetired();
        if (!permit.tryAcquire()) {
            throw new AlreadyRunningException(connector.name());
        }
        try {
            List<String> selected = streamsOf(null, streams);
            for (String stream : selected) {
                // another process (a CLI sync, another node) runs it: the same lease that would skip the run refuses it here
                runtime.leases().holderOf(connector.name(), stream).ifPresent(h -> {
                    throw new AlreadyRunningException("stream " + stream + " of connector " + connector.name() + " is " + h.describe()
                            + ": try again when that run has finished", 0);
                });
            }
            io.azsync.run.SyncRunner runner = runtime.runner(connector);
            List<io.azsync.run.StreamRun> runs = runner.queue(selected, trigger, r -> { }, full);
            try {
                executor.execute(() -> {
                try {
                    execute(runs, trigger);
                } catch (RuntimeException e) {
                    failed(e);
                    LOG.warn("Connector {}: {} sync failed: {}", connector.name(), trigger.dbValue(), e.getMessage());
                } finally {
                    permit.release();
                }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                runner.cancel(runs, "cancelled: the service is stopping and takes no new sync");
                throw new AlreadyRunningException("the service is stopping: sync not started", 0);
            }
            return runs;
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    private List<String> streamsOf(String group, List<String> requested) {
        List<String> enabled = runtime.enabledStreams(connector);
        if (requested != null && !requested.isEmpty()) {
            for (String s : requested) {
                if (!enabled.contains(s)) {
                    throw new IllegalArgumentException("stream '" + s + "' is not enabled for connector " + connector.name()
                            + " (enabled: " + String.join(", ", enabled) + ")");
                }
            }
            return requested;
        }
        return enabled.stream().filter(s -> group == null || ConnectorConfig.groupOf(s).equals(group)).toList();
    }

    private void failed(RuntimeException e) {
        lastEnd = Instant.now();
        lastError = io.azsync.config.Secrets.redact(e.getMessage());
        consecutiveFailures.incrementAndGet();
        state = ConnectorState.FAILED;
        persist();
    }

    private List<StreamResult> execute(List<io.azsync.run.StreamRun> runs, Trigger trigger) {
        {
            state = ConnectorState.PROCESSING;
            lastStart = Instant.now();
            persist();
            LOG.info("Connector {}: {} sync of {} stream(s) started", connector.name(), trigger.dbValue(), runs.size());
            List<StreamResult> results = runtime.runner(connector).execute(runs);
            lastEnd = Instant.now();
            lastResults = results;
            results.forEach(r -> lastByStream.put(r.stream(), r));
            // a run skipped because another process ran the stream is no failure of this connector
            boolean ok = results.stream().allMatch(r -> r.succeeded() || r.state() == io.azsync.run.RunState.SKIPPED);
            lastError = results.stream().filter(r -> !r.succeeded() && r.state() != io.azsync.run.RunState.SKIPPED)
                    .map(r -> r.stream() + ": " + r.error()).findFirst().orElse(null);
            consecutiveFailures.set(ok ? 0 : consecutiveFailures.get() + 1);
            state = runtime.activeRuns().stopping() != null ? ConnectorState.STOPPED
                    : ok ? (scheduled ? ConnectorState.SCHEDULED : ConnectorState.PROCESSED) : ConnectorState.FAILED;
            persist();
            LOG.info("Connector {}: sync finished in {} ms, {}", connector.name(), Duration.between(lastStart, lastEnd).toMillis(),
                    ok ? "all streams succeeded" : "not all streams succeeded: " + lastError);
            return results;
        }
    }

    /** Deleted over the API: no further sync starts, and connector_states says so (its rows stay). */
    void removed() {
        state = ConnectorState.REMOVED;
        scheduled = false;
        nextFireTime = null;
        persist();
    }

    /** The service stopped: the recorded state says so, not "Processing". */
    void stopped() {
        state = ConnectorState.STOPPED;
        nextFireTime = null;
        persist();
    }

    /** Holds further syncs back (for a reload); false when one is running. */
    boolean pause() {
        return permit.tryAcquire();
    }

    void resume() {
        permit.release();
    }

    public boolean isRunning() {
        return permit.availablePermits() == 0;
    }

    void scheduled(Instant next) {
        scheduled = true;
        nextFireTime = next;
        if (state == ConnectorState.REGISTERED) {
            state = ConnectorState.SCHEDULED;
        }
        persist();
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
        return io.azsync.config.Secrets.redact(lastError);
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public Instant nextFireTime() {
        return nextFireTime;
    }
}
