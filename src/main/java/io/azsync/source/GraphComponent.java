package io.azsync.source;

import java.util.Map;

import org.apache.camel.Endpoint;

import io.azsync.transform.TransformMap;

/**
 * {@code msgraph:RESOURCE} — pages through a Microsoft Graph collection (see {@link GraphEndpoint}).
 * Uses the {@link AzureConnection} of the run's connector (token cache, throttle governor, retries),
 * shared with the Resource Graph component.
 */
public class GraphComponent extends ReadAheadComponent {

    private final io.azsync.transform.TransformMaps maps;

    public GraphComponent(io.azsync.transform.TransformMaps maps) {
        this.maps = maps;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GraphEndpoint endpoint = new GraphEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    TransformMap map(String name) {
        return maps.get(name);
    }
}
