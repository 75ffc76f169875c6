package io.azsync.sink;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import io.azsync.transform.TransformMap;

/** {@code sink:upsert} and {@code sink:mark-deleted} — load pages into the sink database and close a stream. */
public class SinkComponent extends DefaultComponent {

    private final PageWriter writer;
    private final StaleMarker staleMarker;
    private final Map<String, TransformMap> maps;

    public SinkComponent(PageWriter writer, StaleMarker staleMarker, Map<String, TransformMap> maps) {
        this.writer = writer;
        this.staleMarker = staleMarker;
        this.maps = maps;
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
            throw new IllegalArgumentException("sink:mark-deleted: there is no transform map " + name
                    + ".yaml (known: " + String.join(", ", maps.keySet()) + "): set ?map=NAME");
        }
        return map;
    }
}
