package io.azsync.sink;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import io.azsync.transform.MappedPage;
import io.azsync.transform.TransformMap;

/**
 * {@code sink:upsert}: loads the {@link MappedPage} in the body in one transaction (upsert of new
 * and changed rows, touch of unchanged ones, rejected records). {@code sink:mark-deleted}: after
 * the split, marks the rows of the stream's scope not seen by this run as deleted; it refuses to
 * do so unless the source was read to its end, and does nothing after an incremental (delta) run,
 * whose deletions arrive as {@code @removed} records. {@code sink:merge-stored}: in a delta run,
 * lays each changed record over its stored raw record, so properties Graph left out keep their values.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sink", title = "azsync sink", syntax = "sink:operation", producerOnly = true,
             category = {Category.DATABASE}, remote = false)
public class SinkEndpoint extends DefaultEndpoint {

    @UriPath(description = "What to do with the body: upsert a mapped page, mark the rows not seen deleted, or merge a delta page "
                           + "with the stored records", enums = "upsert,mark-deleted,merge-stored")
    @Metadata(required = true)
    private String operation;

    @UriParam(description = "mark-deleted and merge-stored: the transform map whose table is used; default the stream's name")
    private String map;

    @UriParam(description = "mark-deleted: further transform maps the stream's read fills (comma-separated, as on its "
                            + "transform-map step): their tables' rows not seen are marked too")
    private String also;

    public SinkEndpoint(String uri, SinkComponent component) {
        super(uri, component);
    }

    @Override
    public SinkComponent getComponent() {
        return (SinkComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (!"upsert".equals(operation) && !"mark-deleted".equals(operation) && !"merge-stored".equals(operation)) {
            throw new IllegalArgumentException(getEndpointUri() + ": unknown sink operation '" + operation
                    + "' (use upsert, mark-deleted or merge-stored)");
        }
        if (map != null) {
            getComponent().map(map);
        }
        io.azsync.transform.TransformMapEndpoint.splitNames(also).forEach(getComponent()::map);
    }

    @Override
    public Producer createProducer() {
        return switch (operation) {
            case "upsert" -> new UpsertProducer(this);
            case "mark-deleted" -> new MarkDeletedProducer(this);
            default -> new MergeStoredProducer(this);
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("sink is used with to:, not from:");
    }

    /** Fails naming the fix when the map this endpoint would use in route {@code routeId} does not exist. */
    public void checkMapOf(String routeId) {
        if (!"upsert".equals(operation)) {
            mapFor(routeId);
        }
    }

    /** The stream's map, then the ones named by {@code also}. */
    java.util.List<TransformMap> mapsFor(String stream) {
        java.util.List<TransformMap> maps = new java.util.ArrayList<>();
        maps.add(mapFor(stream));
        io.azsync.transform.TransformMapEndpoint.splitNames(also).forEach(n -> maps.add(getComponent().map(n)));
        return maps;
    }

    public String getAlso() {
        return also;
    }

    public void setAlso(String also) {
        this.also = also;
    }

    /** The map this endpoint names, or the one named like the stream. */
    TransformMap mapFor(String stream) {
        return getComponent().map(map != null ? map : stream);
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public String getMap() {
        return map;
    }

    public void setMap(String map) {
        this.map = map;
    }
}
