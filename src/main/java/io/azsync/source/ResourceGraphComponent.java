package io.azsync.source;

import java.util.Map;

import org.apache.camel.Endpoint;

/**
 * {@code azure-resource-graph:QUERY} — pages through a Resource Graph query (see
 * {@link ResourceGraphEndpoint} for the options) with the {@link AzureConnection} of the run's
 * connector, so every stream of a connector shares one token cache and one throttle governor.
 */
public class ResourceGraphComponent extends ReadAheadComponent {

    private final java.nio.file.Path queriesDir;

    public ResourceGraphComponent(java.nio.file.Path queriesDir) {
        this.queriesDir = queriesDir;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ResourceGraphEndpoint endpoint = new ResourceGraphEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    java.nio.file.Path queriesDir() {
        return queriesDir;
    }
}
