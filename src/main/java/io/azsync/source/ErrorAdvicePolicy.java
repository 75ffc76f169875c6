package io.azsync.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

/**
 * The first policy: what is left after the retries becomes an {@link AzureApiException} naming the
 * cause and the fix — an error answer through {@link ErrorAdvice}, a connection that kept failing
 * as "cannot reach", with the attempts made.
 */
final class ErrorAdvicePolicy implements HttpPipelinePolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxAttempts;

    ErrorAdvicePolicy(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        AzureCall call = AzureCall.of(context);
        HttpResponse response;
        try {
            response = next.processSync();
        } catch (AzureApiException e) {
            throw e;
        } catch (RuntimeException e) {
            if (TransientErrors.interrupted(e)) {
                Thread.currentThread().interrupt();
                throw new AzureApiException(0, null, call.api + " call interrupted");
            }
            if (!TransientErrors.connectionFailure(e)) {
                // e.g. the credential's own advice (a wrong secret): not a network problem, passed on as it is
                throw e;
            }
            // the cause is given to the constructor: AzureApiException's cause is set (to null) there, so initCause would throw
            throw new AzureApiException(0, null, "cannot reach " + call.api + " at " + context.getHttpRequest().getUrl().getHost()
                    + " (" + describe(e) + ") after " + maxAttempts + " attempts: check the network, the proxy and the endpoint settings", e);
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String raw;
        try (response) {
            raw = errorBody(response);
        }
        throw ErrorAdvice.of(call.api, status, tryParse(raw), raw);
    }

    /** An error answer's text (at most 64 KiB of it: enough for any error Azure sends). */
    private static String errorBody(HttpResponse response) {
        try (InputStream in = JsonBodyPolicy.decoded(response)) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static JsonNode tryParse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    /** The innermost cause of a connection failure, e.g. "ConnectException: Connection refused". */
    private static String describe(RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t instanceof java.io.UncheckedIOException || t.getMessage() == null
                || t.getClass() == RuntimeException.class)) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + ErrorAdvice.abbreviate(message));
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.error(new UnsupportedOperationException("azsync calls Azure synchronously"));
    }
}
