package io.azsync.source;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code azure-resource-graph:QUERY} — pages through a Resource Graph query (see
 * {@link ResourceGraphEndpoint} for the options). Bound in the registry by azsync with the shared
 * HTTP client, so every stream shares one token cache and one throttle governor.
 */
public class ResourceGraphComponent extends DefaultComponent {

    private final Supplier<AzureHttpClient> client;
    private final String armEndpoint;
    private final java.nio.file.Path queriesDir;

    public ResourceGraphComponent(Supplier<AzureHttpClient> client, String armEndpoint, java.nio.file.Path queriesDir) {
        this.client = client;
        this.armEndpoint = armEndpoint;
        this.queriesDir = queriesDir;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ResourceGraphEndpoint endpoint = new ResourceGraphEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    AzureHttpClient client() {
        return client.get();
    }

    String armEndpoint() {
        return armEndpoint;
    }

    java.nio.file.Path queriesDir() {
        return queriesDir;
    }
}
