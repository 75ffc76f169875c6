package io.azsync.transform;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.azsync.core.Page;

/** {@code transform-map:NAME}: replaces the {@link Page} in the body with its {@link MappedPage}. */
final class MapPageProducer extends DefaultProducer {

    MapPageProducer(TransformMapEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public TransformMapEndpoint getEndpoint() {
        return (TransformMapEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        io.azsync.core.StreamProgress run = exchange.getProperty(io.azsync.core.StreamProgress.PROPERTY, io.azsync.core.StreamProgress.class);
        exchange.getMessage().setBody(getEndpoint().mapPage(exchange.getMessage().getMandatoryBody(Page.class),
                run == null ? null : run.identity()));
    }
}
