package io.azsync.source;

import java.net.URI;
import java.util.Map;

/**
 * One call to an Azure API: method, URL, optional JSON body, the token scope, extra headers, and
 * the API's name for messages ("Resource Graph", "Resource Manager", "Microsoft Graph").
 */
public record AzureRequest(String api, String method, URI uri, String jsonBody, String scope, Map<String, String> headers,
                           String recordsField, int priority) {

    public AzureRequest(String api, String method, URI uri, String jsonBody, String scope, Map<String, String> headers) {
        this(api, method, uri, jsonBody, scope, headers, null, ThrottleGovernor.NO_PRIORITY);
    }

    /**
     * The same request, which goes before requests of a lower {@code priority} when they wait for
     * the API's quota ({@link ThrottleGovernor#beforeRequest(int)}).
     */
    public AzureRequest withPriority(int priority) {
        return new AzureRequest(api, method, uri, jsonBody, scope, headers, recordsField, priority);
    }

    /**
     * The same request, its answer's array {@code field} kept as each element's source text
     * ({@link AzureResponse#recordTexts()}) instead of parsed trees.
     */
    public AzureRequest keepingTextsOf(String field) {
        return new AzureRequest(api, method, uri, jsonBody, scope, headers, field, priority);
    }

    public static AzureRequest get(String api, URI uri, String scope) {
        return new AzureRequest(api, "GET", uri, null, scope, Map.of());
    }

    public static AzureRequest post(String api, URI uri, String jsonBody, String scope) {
        return new AzureRequest(api, "POST", uri, jsonBody, scope, Map.of());
    }
}
