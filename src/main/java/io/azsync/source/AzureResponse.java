package io.azsync.source;

import com.azure.core.http.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful answer: status, headers and the parsed JSON body. */
public record AzureResponse(int status, HttpHeaders headers, JsonNode body) {
}
