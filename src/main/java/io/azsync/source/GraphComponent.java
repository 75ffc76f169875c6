package io.azsync.source;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import io.azsync.transform.TransformMap;

/**
 * {@code msgraph:RESOURCE} — pages through a Microsoft Graph collection (see {@link GraphEndpoint}).
 * Uses the {@link AzureConnection} of the run's connector (token cache, throttle governor, retries),
 * shared with the Resource Graph component.
 */
public class GraphComponent extends DefaultComponent {

    private final io.azsync.transform.TransformMaps maps;

    public GraphComponent(io.azsync.transform.TransformMaps maps) {
        this.maps = maps;
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
        GraphEndpoint endpoint = new GraphEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    TransformMap map(String name) {
        return maps.get(name);
    }
}
