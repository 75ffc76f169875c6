package io.azsync.source;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import io.azsync.transform.TransformMap;

/**
 * {@code msgraph:RESOURCE} — pages through a Microsoft Graph collection (see {@link GraphEndpoint}).
 * Shares the HTTP client (token cache, throttle governor, retries) with the Resource Graph component.
 */
public class GraphComponent extends DefaultComponent {

    private final Supplier<AzureHttpClient> client;
    private final String graphEndpoint;
    private final Map<String, TransformMap> maps;

    public GraphComponent(Supplier<AzureHttpClient> client, String graphEndpoint, Map<String, TransformMap> maps) {
        this.client = client;
        this.graphEndpoint = graphEndpoint;
        this.maps = maps;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GraphEndpoint endpoint = new GraphEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    AzureHttpClient client() {
        return client.get();
    }

    String graphEndpoint() {
        return graphEndpoint;
    }

    TransformMap map(String name) {
        return maps.get(name);
    }
}
