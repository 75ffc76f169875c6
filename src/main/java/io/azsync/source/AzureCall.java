package io.azsync.source;

import java.util.concurrent.atomic.AtomicReference;

import com.azure.core.http.HttpPipelineCallContext;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What azsync's pipeline policies know of one call, carried in azure-core's context: the API's
 * name (for messages and its governor) and where the parsed body is handed back to the caller.
 */
final class AzureCall {

    static final String KEY = "azsync.call";

    final String api;
    final AtomicReference<JsonNode> body = new AtomicReference<>();
    /** The array of the body whose elements are kept as source text (null: parse the whole body). */
    final String recordsField;
    final AtomicReference<RecordSlices> records = new AtomicReference<>();

    /** Its rank among requests waiting for the API's quota ({@link ThrottleGovernor#beforeRequest(int)}). */
    final int priority;

    AzureCall(String api) {
        this(api, null, ThrottleGovernor.NO_PRIORITY);
    }

    AzureCall(String api, String recordsField, int priority) {
        this.api = api;
        this.recordsField = recordsField;
        this.priority = priority;
    }

    static AzureCall of(HttpPipelineCallContext context) {
        return (AzureCall) context.getData(KEY).orElseThrow(() -> new IllegalStateException("an Azure call without its AzureCall"));
    }
}
