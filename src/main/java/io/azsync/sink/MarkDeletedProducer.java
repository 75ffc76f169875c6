package io.azsync.sink;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.azsync.core.StreamProgress;

/** {@code sink:mark-deleted}: after every page was loaded, marks the rows of the run's scope it did not see as deleted. */
final class MarkDeletedProducer extends DefaultProducer {

    MarkDeletedProducer(SinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SinkEndpoint getEndpoint() {
        return (SinkEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        StreamProgress run = StreamProgress.of(exchange);
        SinkComponent sink = getEndpoint().getComponent();
        sink.staleMarker().markDeleted(run, getEndpoint().mapsFor(run.identity().stream()),
                exchange.getProperty(io.azsync.core.PresenceCheck.PROPERTY, io.azsync.core.PresenceCheck.class), sink.writer());
    }
}
