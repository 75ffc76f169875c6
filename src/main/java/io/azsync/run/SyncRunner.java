package io.azsync.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.azsync.source.SubscriptionScope;

/**
 * Runs stream routes one after another: opens each run in the ledger, sends one exchange carrying
 * the {@link StreamRun} to the stream route, and closes the run as succeeded or failed. One
 * stream failing does not stop the others. The subscription scope is resolved once per sync.
 */
public final class SyncRunner {

    /** Route group that marks a route as a stream. */
    public static final String STREAM_GROUP = "stream";

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final CamelContext camel;
    private final RunLedger ledger;
    private final String connector;
    private final Supplier<SubscriptionScope> scopes;
    private final io.azsync.source.AzureConnection connection;

    public SyncRunner(CamelContext camel, RunLedger ledger, io.azsync.source.AzureConnection connection, Supplier<SubscriptionScope> scopes) {
        this.camel = camel;
        this.ledger = ledger;
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
     * answers "sync now" with them); {@link #execute} then runs them in order.
     */
    public List<StreamRun> queue(List<String> streams, Trigger trigger, StreamRun.Listener listener, boolean full) {
        for (String stream : streams) {
            Route route = camel.getRoute(stream);
            if (route == null || !STREAM_GROUP.equals(route.getGroup())) {
                throw new IllegalArgumentException("unknown stream '" + stream + "' (streams: " + String.join(", ", streams(camel)) + ")");
            }
        }
        SubscriptionScope scope = scopes.get();
        List<StreamRun> runs = new ArrayList<>();
        for (String stream : streams) {
            runs.add(ledger.queue(connector, stream, trigger, scope, listener, full).connection(connection));
        }
        return runs;
    }

    public List<StreamResult> execute(List<StreamRun> runs) {
        List<StreamResult> results = new ArrayList<>();
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            for (StreamRun run : runs) {
                results.add(runOne(template, run));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return results;
    }

    private StreamResult runOne(ProducerTemplate template, StreamRun run) {
        Route route = camel.getRoute(run.stream());
        ledger.started(run);
        run.started();
        LOG.debug("Stream {} started as run {}", run.stream(), run.runId());
        Exchange exchange = template.send(route.getEndpoint(), e -> e.setProperty(StreamRun.PROPERTY, run));
        if (exchange.getException() != null) {
            String error = Failures.message(exchange.getException());
            ledger.fail(run, error);
            return StreamResult.of(run, RunState.FAILED, error);
        }
        RunState state = ledger.succeed(run);
        return StreamResult.of(run, state, run.partialReason());
    }
}
