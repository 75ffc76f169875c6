package io.azsync.sink;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.azsync.core.Page;
import io.azsync.core.StreamProgress;

/** {@code sink:merge-stored}: lays each record of a delta page over its stored raw record. */
final class MergeStoredProducer extends DefaultProducer {

    MergeStoredProducer(SinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SinkEndpoint getEndpoint() {
        return (SinkEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        StreamProgress run = StreamProgress.of(exchange);
        exchange.getMessage().setBody(getEndpoint().getComponent().merger().merge(getEndpoint().mapFor(run.identity().stream()),
                exchange.getMessage().getMandatoryBody(Page.class)));
    }
}
