package io.azsync.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

/**
 * Reads and parses a successful answer inside the retry loop, in the caller's thread, as a stream
 * (gzip decoded while it is read, never held compressed and whole): a connection cut while a page
 * arrives is an {@link UncheckedIOException} that azure-core's RetryPolicy repeats; invalid JSON and
 * an OutOfMemoryError are not repeated.
 */
final class JsonBodyPolicy implements HttpPipelinePolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        AzureCall call = AzureCall.of(context);
        HttpResponse response = next.processSync();
        if (response.getStatusCode() < 200 || response.getStatusCode() >= 300) {
            return response;
        }
        try (response; InputStream body = decoded(response)) {
            call.body.set(parse(call.api, body));
        } catch (OutOfMemoryError e) {
            throw memory(call.api);
        } catch (IOException e) {
            if (outOfMemory(e)) {
                throw memory(call.api);
            }
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (outOfMemory(e)) {
                throw memory(call.api);
            }
            throw e;
        }
        return response;
    }

    /** The body as sent, decompressed while it is read when Azure gzipped it. */
    static InputStream decoded(HttpResponse response) throws IOException {
        String encoding = response.getHeaderValue(HttpHeaderName.CONTENT_ENCODING);
        InputStream raw = response.getBodyAsInputStreamSync();
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip") ? new GZIPInputStream(raw, 64 * 1024) : raw;
    }

    /** Parses a page; a transport failure while reading it is an IOException (repeated), invalid JSON is not. */
    private static JsonNode parse(String api, InputStream body) throws IOException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new AzureApiException(200, "MalformedResponse", api + " returned an empty page: the stream stops "
                        + "so that no data is marked deleted; run it again, and report it if it repeats");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AzureApiException(200, "MalformedResponse", api + " returned a malformed page (invalid JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ": " + ErrorAdvice.abbreviate(e.getOriginalMessage())
                    + "): the stream stops so that no data is marked deleted; run it again, and report it if it repeats");
        }
    }

    /** An OutOfMemoryError met while a body is read may come back wrapped: it is no network error. */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static AzureApiException memory(String api) {
        return new AzureApiException(0, "OutOfMemory", "out of memory while reading an answer of " + api
                + ": it is not retried. Fix: give the JVM more heap (JAVA_OPTS=-Xmx512m, or more), or lower pageSize on the "
                + "stream's route so each page is smaller");
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.error(new UnsupportedOperationException("azsync calls Azure synchronously"));
    }
}
