package io.azsync.source;

/**
 * How one connector reaches Azure: its HTTP client (token cache for its tenant and credential,
 * throttle governor, retries) and its cloud's Resource Manager and Microsoft Graph endpoints. A
 * stream run carries it, so the same routes serve every connector.
 */
public record AzureConnection(String connector, AzureHttpClient http, String armEndpoint, String graphEndpoint) {
}
