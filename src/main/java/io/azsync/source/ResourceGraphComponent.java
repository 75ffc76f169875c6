package io.azsync.source;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code azure-resource-graph:QUERY} — pages through a Resource Graph query (see
 * {@link ResourceGraphEndpoint} for the options) with the {@link AzureConnection} of the run's
 * connector, so every stream of a connector shares one token cache and one throttle governor.
 */
@Component("azure-resource-graph")
public class ResourceGraphComponent extends ReadAheadComponent {

    @Metadata(defaultValue = "queries", description = "Directory of the query files <queryName>.kql (AZSYNC_QUERIES_DIR)")
    private String queriesDir = "queries";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ResourceGraphEndpoint endpoint = new ResourceGraphEndpoint(uri, this);
        endpoint.setQueryName(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public String getQueriesDir() {
        return queriesDir;
    }

    public void setQueriesDir(String queriesDir) {
        this.queriesDir = queriesDir;
    }
}
