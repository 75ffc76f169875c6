package io.azsync.source;

import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.azsync.core.StreamProgress;

/** Puts a {@link ResourceGraphPager} for the exchange's stream run in the body. No request is sent until a page is asked for. */
public class ResourceGraphProducer extends DefaultProducer {

    public ResourceGraphProducer(ResourceGraphEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ResourceGraphEndpoint getEndpoint() {
        return (ResourceGraphEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        ResourceGraphEndpoint endpoint = getEndpoint();
        StreamProgress run = StreamProgress.of(exchange);
        Supplier<ResourceGraphPager.Batches> batches = "tenant".equals(endpoint.getScope()) || run.scope() == null
                ? () -> ResourceGraphPager.Batches.TENANT
                : () -> {
                    List<List<String>> readable = "inventory".equals(endpoint.getScope())
                            ? run.scope().inventoryBatches(ResourceGraphEndpoint.BATCH_SIZE)
                            : run.scope().batches(ResourceGraphEndpoint.BATCH_SIZE);
                    String partial = run.scope().partialReason();
                    if (partial != null && readable.isEmpty()) {
                        throw new AzureApiException(403, "NoReadableSubscription", "no subscription in scope can be read: " + partial);
                    }
                    return new ResourceGraphPager.Batches(readable, partial);
                };
        AzureConnection connection = AzureConnection.of(exchange);
        PagedReader<io.azsync.core.Page> pages;
        if (endpoint.getPartitions() > 1) {
            // several skip-token chains at once: every subscription batch and id partition, on the component's threads
            pages = new ResourceGraphChains(connection, endpoint.getQueryName(), endpoint.query().text(), batches, endpoint.getPartitions(),
                    endpoint.getPageSize(), endpoint.getComponent().readAheadExecutor()).resumeFrom(run.start().resumeToken());
        } else {
            ResourceGraphPager pager = ResourceGraphPager.over(connection, endpoint.getQueryName(), endpoint.query().text(), batches, endpoint.getPageSize())
                    .resumeFrom(run.start().resumeToken());
            pages = endpoint.isReadAhead() ? pager.readAhead(endpoint.getComponent().readAheadExecutor()) : pager;
        }
        exchange.getMessage().setBody(pages.stopWhen(run::hasFailed));
        if (endpoint.isConfirmDeletions()) {
            // before sink:mark-deleted marks a row this read did not return, its id is asked for again
            exchange.setProperty(io.azsync.core.PresenceCheck.PROPERTY,
                    new ResourceGraphPresence(connection, endpoint.getQueryName(), endpoint.query().text()));
        }
    }
}
