package io.azsync.source;

import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.azsync.auth.TokenProvider;
import io.azsync.run.StreamRun;
import io.azsync.run.Runs;

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
        StreamRun run = Runs.of(exchange);
        Supplier<List<List<String>>> batches = "tenant".equals(endpoint.getScope()) || run.scope() == null
                ? () -> List.of(List.of())
                : () -> {
                    List<List<String>> readable = "inventory".equals(endpoint.getScope())
                            ? run.scope().inventoryBatches(ResourceGraphEndpoint.MAX_PAGE_SIZE)
                            : run.scope().batches(ResourceGraphEndpoint.MAX_PAGE_SIZE);
                    String partial = run.scope().partialReason();
                    if (partial != null) {
                        if (readable.isEmpty()) {
                            throw new AzureApiException(403, "NoReadableSubscription", "no subscription in scope can be read: " + partial);
                        }
                        run.partial(partial);
                    }
                    return readable;
                };
        AzureConnection connection = run.connection();
        String arm = connection.armEndpoint();
        ResourceGraphPager pager = new ResourceGraphPager(connection.http(), arm, TokenProvider.scopeOf(arm),
                endpoint.getQueryName(), endpoint.query().text(), batches, endpoint.getPageSize(), run::sourceComplete)
                .resumeFrom(run.resumeToken());
        exchange.getMessage().setBody(endpoint.isReadAhead() ? pager.readAhead(endpoint.getComponent().readAheadExecutor()) : pager);
    }
}
