package io.azsync.source;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.azsync.core.StreamProgress;

/** Puts a {@link GraphPager} for the exchange's stream run in the body. No request is sent until a page is asked for. */
final class GraphProducer extends DefaultProducer {

    GraphProducer(GraphEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public GraphEndpoint getEndpoint() {
        return (GraphEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        GraphEndpoint endpoint = getEndpoint();
        StreamProgress run = StreamProgress.of(exchange);
        AzureConnection connection = AzureConnection.of(exchange);
        GraphPager pager = endpoint.pager(connection, run.identity().stream(), run.start(), endpoint.getPageSize());
        PagedReader<io.azsync.core.Page> pages = endpoint.isReadAhead() ? pager.readAhead(endpoint.getComponent().readAheadExecutor()) : pager;
        exchange.getMessage().setBody(pages.stopWhen(run::hasFailed));
        if (endpoint.isConfirmDeletions()) {
            // after a full read, before sink:mark-deleted marks a row this read did not return, its id is asked for again
            exchange.setProperty(io.azsync.core.PresenceCheck.PROPERTY, endpoint.presence(connection));
        }
    }
}
