package io.azsync.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.azsync.core.SubscriptionScope;

/**
 * Runs stream routes one after another: opens each run in the ledger, takes the stream's lease
 * (another process running the same stream makes the run {@code skipped}), sends one exchange
 * carrying the {@link StreamRun} to the stream route, and closes the run as succeeded, partial or
 * failed. One stream failing does not stop the others. The subscription scope is resolved once per
 * sync.
 */
public final class SyncRunner {

    /** Route group that marks a route as a stream. */
    public static final String STREAM_GROUP = "stream";

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final CamelContext camel;
    private final RunStore ledger;
    private final StreamLeases leases;
    private final ActiveRuns active;
    private final String connector;
    private final Supplier<SubscriptionScope> scopes;
    private final io.azsync.source.AzureConnection connection;
    private int concurrency = 1;

    public SyncRunner(CamelContext camel, RunStore ledger, StreamLeases leases, ActiveRuns active,
                      io.azsync.source.AzureConnection connection, Supplier<SubscriptionScope> scopes) {
        this.camel = camel;
        this.ledger = ledger;
        this.leases = leases;
        this.active = active;
        this.connector = connection.connector();
        this.connection = connection;
        this.scopes = scopes;
    }

    /** Names of the stream routes, sorted by name so runs and output are in a stable order. */
    public static List<String> streams(CamelContext camel) {
        return camel.getRoutes().stream().filter(r -> STREAM_GROUP.equals(r.getGroup())).map(Route::getRouteId).sorted().toList();
    }

    public List<StreamResult> sync(List<String> streams, Trigger trigger, StreamRun.Listener listener) {
        return sync(streams, trigger, listener, false);
    }

    /** @param full ignore stored delta links: a full reconciliation of every delta stream */
    public List<StreamResult> sync(List<String> streams, Trigger trigger, StreamRun.Listener listener, boolean full) {
        return execute(queue(streams, trigger, listener, full));
    }

    /**
     * Opens the runs of a sync as queued, so their ids are known before anything runs (the API
     * answers "sync now" with them); {@link #execute} then runs them in order. A stream named twice
     * is queued once.
     */
    public List<StreamRun> queue(List<String> streams, Trigger trigger, StreamRun.Listener listener, boolean full) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(streams));
        for (String stream : unique) {
            Route route = camel.getRoute(stream);
            if (route == null || !STREAM_GROUP.equals(route.getGroup())) {
                throw new IllegalArgumentException("unknown stream '" + stream + "' (streams: " + String.join(", ", streams(camel)) + ")");
            }
        }
        SubscriptionScope scope = scopes.get();
        List<StreamRun> runs = new ArrayList<>();
        try {
            for (String stream : unique) {
                StreamRun run = ledger.queue(connector, stream, trigger, scope, listener, full).connection(connection);
                active.add(run);
                runs.add(run);
            }
        } catch (RuntimeException e) {
            cancel(runs, "cancelled: the sync could not be queued (" + Failures.message(e) + ")");
            throw e;
        }
        return runs;
    }

    /** Closes queued runs that will not start, as cancelled with the reason. */
    public void cancel(List<StreamRun> runs, String reason) {
        for (StreamRun run : runs) {
            try {
                close(run, RunState.CANCELLED, reason);
            } finally {
                active.remove(run);
            }
        }
    }

    /**
     * Streams of one sync run this many at a time (default 1: one after another). Each waits mostly
     * on Azure's latency, so several in flight fill the connector's quota; its governor keeps them
     * within it.
     */
    public SyncRunner concurrency(int streams) {
        this.concurrency = Math.max(1, streams);
        return this;
    }

    /** Runs the queued runs, {@link #concurrency(int)} at a time, threads from Camel's ExecutorServiceManager; results in run order. */
    public List<StreamResult> execute(List<StreamRun> runs) {
        List<StreamResult> results = new ArrayList<>();
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            if (concurrency == 1 || runs.size() <= 1) {
                for (StreamRun run : runs) {
                    results.add(runAndForget(template, run));
                }
                return results;
            }
            java.util.concurrent.ExecutorService pool = camel.getExecutorServiceManager().newFixedThreadPool(this, "azsync-streams",
                    Math.min(concurrency, runs.size()));
            try {
                List<java.util.concurrent.Future<StreamResult>> running = new ArrayList<>();
                for (StreamRun run : runs) {
                    running.add(pool.submit(() -> runAndForget(template, run)));
                }
                for (java.util.concurrent.Future<StreamResult> result : running) {
                    results.add(await(result));
                }
            } finally {
                camel.getExecutorServiceManager().shutdown(pool);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return results;
    }

    private StreamResult runAndForget(ProducerTemplate template, StreamRun run) {
        try {
            return runOne(template, run);
        } finally {
            active.remove(run);
        }
    }

    /** A stream's result; an interrupt of the waiting thread does not abandon runs that are writing (they stop at a page boundary when asked). */
    private static StreamResult await(java.util.concurrent.Future<StreamResult> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private StreamResult runOne(ProducerTemplate template, StreamRun run) {
        if (run.stopRequested() != null) {
            return close(run, RunState.CANCELLED, "cancelled: " + run.stopRequested());
        }
        try {
            leases.acquire(run.connector(), run.stream(), run.runId());
        } catch (StreamLeases.BusyException e) {
            LOG.warn("Stream {} of connector {} skipped: {}", run.stream(), run.connector(), e.holder().describe());
            return close(run, RunState.SKIPPED, e.getMessage());
        } catch (RuntimeException e) {
            return close(run, RunState.FAILED, "cannot take the stream's lease: " + Failures.message(e));
        }
        try {
            ledger.started(run);
            run.started();
            run.guard(leases.guard(run.connector(), run.stream(), run.runId()));
            LOG.debug("Stream {} started as run {}", run.stream(), run.runId());
            Route route = camel.getRoute(run.stream());
            Exchange exchange = template.send(route.getEndpoint(), e -> {
                e.setProperty(io.azsync.core.StreamProgress.PROPERTY, run);
                e.setProperty(io.azsync.source.AzureConnection.PROPERTY, run.connection());
            });
            if (exchange.getException() != null) {
                return close(run, RunState.FAILED, Failures.message(exchange.getException()));
            }
            RunState state = ledger.succeed(run);
            return StreamResult.of(run, state, run.partialReason());
        } catch (RuntimeException e) {
            // the ledger itself failed (e.g. the database is full): say so, and try to record it
            return close(run, RunState.FAILED, Failures.message(e));
        } finally {
            try {
                leases.release(run.connector(), run.stream());
            } catch (RuntimeException e) {
                LOG.warn("Stream {}: cannot release its lease ({}); it expires with this process's heartbeat", run.stream(),
                        Failures.message(e));
            }
        }
    }

    /** Closes a run in the ledger; when even that fails, the result still tells the user the cause. */
    private StreamResult close(StreamRun run, RunState state, String error) {
        try {
            switch (state) {
                case SKIPPED -> ledger.skip(run, error);
                case CANCELLED -> ledger.cancel(run, error);
                default -> ledger.fail(run, error);
            }
            return StreamResult.of(run, state, error);
        } catch (RuntimeException e) {
            String also = Failures.message(e);
            LOG.warn("Stream {}: run {} could not be recorded as {}: {}", run.stream(), run.runId(), state.dbValue(), also);
            return StreamResult.of(run, state, also.equals(error) ? error : error + " (and the run could not be recorded: " + also + ")");
        }
    }
}
