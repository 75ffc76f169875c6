package io.azsync.source;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code azure-resource-graph:QUERY} — pages through a Resource Graph query (see
 * {@link ResourceGraphEndpoint} for the options) with the {@link AzureConnection} of the run's
 * connector, so every stream of a connector shares one token cache and one throttle governor.
 */
public class ResourceGraphComponent extends DefaultComponent {

    private final java.nio.file.Path queriesDir;

    public ResourceGraphComponent(java.nio.file.Path queriesDir) {
        this.queriesDir = queriesDir;
    }

    private java.util.concurrent.ExecutorService readAhead;

    /** Threads that read the next page ahead, from Camel's ExecutorServiceManager (shut down with the component). */
    java.util.concurrent.ExecutorService readAheadExecutor() {
        return readAhead;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        readAhead = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "azsync-read-ahead");
    }

    @Override
    protected void doStop() throws Exception {
        if (readAhead != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(readAhead);
            readAhead = null;
        }
        super.doStop();
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
