package io.azsync.source;

import java.net.URI;
import java.util.Map;

/**
 * One call to an Azure API: method, URL, optional JSON body, the token scope, extra headers, and
 * the API's name for messages ("Resource Graph", "Resource Manager", "Microsoft Graph").
 */
public record AzureRequest(String api, String method, URI uri, String jsonBody, String scope, Map<String, String> headers) {

    public static AzureRequest get(String api, URI uri, String scope) {
        return new AzureRequest(api, "GET", uri, null, scope, Map.of());
    }

    public static AzureRequest post(String api, URI uri, String jsonBody, String scope) {
        return new AzureRequest(api, "POST", uri, jsonBody, scope, Map.of());
    }
}
