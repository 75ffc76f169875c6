package io.azsync.transform;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code transform-map:NAME} — maps a {@code Page} of records with {@code transform-maps/NAME.yaml}. */
public class TransformMapComponent extends DefaultComponent {

    private final TransformMaps maps;

    public TransformMapComponent(TransformMaps maps) {
        this.maps = maps;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TransformMap map = maps.get(remaining);
        if (map == null) {
            throw new IllegalArgumentException(uri + ": there is no transform map " + remaining + ".yaml in the transform-maps "
                    + "directory (known: " + String.join(", ", maps.names()) + ")");
        }
        TransformMapEndpoint endpoint = new TransformMapEndpoint(uri, this, map);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
