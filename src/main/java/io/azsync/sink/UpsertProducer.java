package io.azsync.sink;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.azsync.core.StreamProgress;

/**
 * {@code sink:upsert}: loads one mapped page and its checkpoint in one transaction. A failed page,
 * or a stop asked for while it loaded, ends the split: the run can no longer mark anything deleted.
 */
final class UpsertProducer extends DefaultProducer {

    UpsertProducer(SinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SinkEndpoint getEndpoint() {
        return (SinkEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        StreamProgress run = StreamProgress.of(exchange);
        try {
            getEndpoint().getComponent().writer().write(run, io.azsync.transform.MappedPages.of(exchange.getMessage().getBody()));
        } catch (Exception e) {
            run.pageFailed();
            throw e;
        }
        if (run.stopRequested() != null) {
            // the page is committed with its checkpoint: the next run resumes after it
            run.pageFailed();
            throw new io.azsync.core.RunStoppedException(run.stopRequested());
        }
    }
}
