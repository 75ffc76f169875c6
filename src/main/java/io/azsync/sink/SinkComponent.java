package io.azsync.sink;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMaps;

/**
 * {@code sink:upsert}, {@code sink:mark-deleted} and {@code sink:merge-stored} — load pages into the
 * sink database, close a stream, and complete the partial records of a delta run. The database and
 * the transform maps come from the registry.
 */
@Component("sink")
public class SinkComponent extends DefaultComponent {

    @Metadata(autowired = true, description = "The sink database (bound by azsync at start)")
    private Database database;

    @Metadata(autowired = true, description = "The transform maps, by stream name (bound by azsync at start)")
    private TransformMaps maps;

    private PageWriter writer;
    private StaleMarker staleMarker;
    private StoredRecordMerger merger;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SinkEndpoint endpoint = new SinkEndpoint(uri, this);
        endpoint.setOperation(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (database == null) {
            throw new IllegalStateException("sink: no Database in the registry (azsync binds it at start)");
        }
        writer = new PageWriter(database);
        staleMarker = new StaleMarker(database);
        merger = new StoredRecordMerger(database);
    }

    public Database getDatabase() {
        return database;
    }

    public void setDatabase(Database database) {
        this.database = database;
    }

    public TransformMaps getMaps() {
        return maps;
    }

    public void setMaps(TransformMaps maps) {
        this.maps = maps;
    }

    PageWriter writer() {
        return writer;
    }

    StaleMarker staleMarker() {
        return staleMarker;
    }

    StoredRecordMerger merger() {
        return merger;
    }

    TransformMap map(String name) {
        TransformMap map = maps == null ? null : maps.get(name);
        if (map == null) {
            throw new IllegalArgumentException("sink: there is no transform map " + name
                    + ".yaml (known: " + (maps == null ? "none" : String.join(", ", maps.names())) + "): set ?map=NAME");
        }
        return map;
    }
}
