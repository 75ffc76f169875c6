package io.azsync.source;

import org.apache.camel.Exchange;

/**
 * How one connector reaches Azure: its HTTP client (token cache for its tenant and credential,
 * throttle governor, retries) and its cloud's Resource Manager and Microsoft Graph endpoints. The
 * runner puts it on the stream's exchange as property {@value #PROPERTY}, so the same routes serve
 * every connector.
 */
public record AzureConnection(String connector, AzureHttpClient http, String armEndpoint, String graphEndpoint) {

    public static final String PROPERTY = "azsync.connection";

    /** The connection of the run the exchange carries. */
    public static AzureConnection of(Exchange exchange) {
        AzureConnection connection = exchange.getProperty(PROPERTY, AzureConnection.class);
        if (connection == null) {
            throw new IllegalStateException("no Azure connection on the exchange: stream routes are started by azsync's runner");
        }
        return connection;
    }
}
