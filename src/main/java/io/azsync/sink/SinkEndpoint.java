package io.azsync.sink;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import io.azsync.run.Runs;
import io.azsync.run.StreamRun;
import io.azsync.transform.MappedPage;

/**
 * {@code sink:upsert}: loads the {@link MappedPage} in the body in one transaction (upsert of new
 * and changed rows, touch of unchanged ones, rejected records). {@code sink:mark-deleted}: after
 * the split, marks the rows of the stream's scope not seen by this run as deleted; it refuses to
 * do so unless the source was read to its end, and does nothing after an incremental (delta) run,
 * whose deletions arrive as {@code @removed} records. {@code sink:merge-stored}: in a delta run,
 * lays each changed record over its stored raw record, so properties Graph left out keep their values.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sink", title = "azsync sink", syntax = "sink:operation", producerOnly = true,
             category = {Category.DATABASE})
public class SinkEndpoint extends DefaultEndpoint {

    @UriPath(description = "upsert, mark-deleted or merge-stored", enums = "upsert,mark-deleted,merge-stored")
    @Metadata(required = true)
    private final String operation;

    @UriParam(description = "mark-deleted and merge-stored: the transform map whose table is used; default the stream's name")
    private String map;

    public SinkEndpoint(String uri, SinkComponent component, String operation) {
        super(uri, component);
        if (!operation.equals("upsert") && !operation.equals("mark-deleted") && !operation.equals("merge-stored")) {
            throw new IllegalArgumentException(uri + ": unknown sink operation '" + operation + "' (use upsert, mark-deleted or merge-stored)");
        }
        this.operation = operation;
    }

    @Override
    public SinkComponent getComponent() {
        return (SinkComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                StreamRun run = Runs.of(exchange);
                if (operation.equals("upsert")) {
                    try {
                        getComponent().writer().write(run, exchange.getMessage().getMandatoryBody(MappedPage.class));
                    } catch (Exception e) {
                        run.pageFailed();
                        throw e;
                    }
                    if (run.stopRequested() != null) {
                        // the page is committed with its checkpoint: the next run resumes after it
                        run.pageFailed();
                        throw new io.azsync.run.RunStoppedException(run.stopRequested());
                    }
                } else if (operation.equals("merge-stored")) {
                    exchange.getMessage().setBody(getComponent().merger().merge(run, getComponent().map(map != null ? map : run.stream()),
                            exchange.getMessage().getMandatoryBody(io.azsync.source.Page.class)));
                } else {
                    getComponent().staleMarker().markDeleted(run, getComponent().map(map != null ? map : run.stream()));
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("sink is used with to:, not from:");
    }

    public String getOperation() {
        return operation;
    }

    public String getMap() {
        return map;
    }

    public void setMap(String map) {
        this.map = map;
    }
}
