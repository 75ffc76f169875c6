package io.azsync.source;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

import io.azsync.core.SourceFields;

/**
 * {@code msgraph:RESOURCE} — pages through a Microsoft Graph collection (see {@link GraphEndpoint}).
 * Uses the {@link AzureConnection} of the run's connector (token cache, throttle governor, retries),
 * shared with the Resource Graph component.
 */
@Component("msgraph")
public class GraphComponent extends ReadAheadComponent {

    @Metadata(autowired = true, description = "Which source fields a transform map reads, for $select (bound by azsync at start)")
    private SourceFields sourceFields;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GraphEndpoint endpoint = new GraphEndpoint(uri, this);
        endpoint.setResource(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public SourceFields getSourceFields() {
        return sourceFields;
    }

    public void setSourceFields(SourceFields sourceFields) {
        this.sourceFields = sourceFields;
    }
}
