package io.azsync.source;

import com.azure.core.http.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer: status, headers and the parsed JSON body; for a request {@link
 * AzureRequest#keepingTextsOf keeping texts}, the elements of that array as their source bytes (the
 * body's array is then empty), else null.
 */
public record AzureResponse(int status, HttpHeaders headers, JsonNode body, RecordSlices records) {

    public AzureResponse(int status, HttpHeaders headers, JsonNode body) {
        this(status, headers, body, null);
    }
}
