package io.azsync.sink;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import io.azsync.transform.TransformMap;

/**
 * {@code sink:upsert}, {@code sink:mark-deleted} and {@code sink:merge-stored} — load pages into the
 * sink database, close a stream, and complete the partial records of a delta run.
 */
public class SinkComponent extends DefaultComponent {

    private final PageWriter writer;
    private final StaleMarker staleMarker;
    private final StoredRecordMerger merger;
    private final io.azsync.transform.TransformMaps maps;

    public SinkComponent(PageWriter writer, StaleMarker staleMarker, StoredRecordMerger merger, io.azsync.transform.TransformMaps maps) {
        this.writer = writer;
        this.staleMarker = staleMarker;
        this.merger = merger;
        this.maps = maps;
    }

    StoredRecordMerger merger() {
        return merger;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SinkEndpoint endpoint = new SinkEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    PageWriter writer() {
        return writer;
    }

    StaleMarker staleMarker() {
        return staleMarker;
    }

    TransformMap map(String name) {
        TransformMap map = maps.get(name);
        if (map == null) {
            throw new IllegalArgumentException("sink: there is no transform map " + name
                    + ".yaml (known: " + String.join(", ", maps.names()) + "): set ?map=NAME");
        }
        return map;
    }
}
