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

    /** The size of the last page read whole: the next one is read into an array that likely holds it at once. */
    private final java.util.concurrent.atomic.AtomicInteger lastBody = new java.util.concurrent.atomic.AtomicInteger(64 * 1024);

    /** An answer's bytes: the first {@code length} of {@code bytes}. */
    record Body(byte[] bytes, int length) {
    }

    /**
     * Reads a whole answer into one array sized from the last answer (an eighth more), grown by half
     * when it is not enough: one array per page, where {@code readAllBytes} filled 8 KB buffers and
     * copied them all once more. The array may end with unused bytes (the page keeps it as it is), at
     * most as many as the answer has: a much smaller answer is copied into an array of its size.
     */
    static Body read(InputStream in, java.util.concurrent.atomic.AtomicInteger last) throws IOException {
        int hint = last.get();
        byte[] buffer = new byte[Math.max(64 * 1024, hint + hint / 8)];
        int length = 0;
        int n;
        while ((n = in.read(buffer, length, buffer.length - length)) >= 0) {
            length += n;
            if (length == buffer.length) {
                if (buffer.length == Integer.MAX_VALUE - 8) {
                    throw new OutOfMemoryError("an answer larger than an array can hold");
                }
                buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8L, buffer.length + (long) buffer.length / 2));
            }
        }
        last.set(length);
        // an answer much smaller than the last one (a stream's last page) does not keep the larger array while it waits
        return new Body(length < buffer.length / 2 ? java.util.Arrays.copyOf(buffer, length) : buffer, length);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        AzureCall call = AzureCall.of(context);
        HttpResponse response = next.processSync();
        if (response.getStatusCode() < 200 || response.getStatusCode() >= 300) {
            return response;
        }
        try (response; InputStream body = decoded(response)) {
            if (call.recordsField != null) {
                Body read = read(body, lastBody);
                parseKeepingTexts(call, read.bytes(), read.length());
            } else {
                call.body.set(parse(call.api, body));
            }
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

    /**
     * Parses a page whose array {@code call.recordsField} holds the records: every other field becomes
     * the body's tree as usual, and each element of that array is kept as the exact bytes the API sent
     * (the decoded answer with each element's offsets), not as a tree. A body whose records are
     * not all objects is parsed whole instead, so the mapper reports them as it always did.
     */
    private static void parseKeepingTexts(AzureCall call, byte[] bytes, int length) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(bytes, 0, length)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                call.body.set(parse(call.api, new java.io.ByteArrayInputStream(bytes, 0, length)));
                return;
            }
            com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
            int[] starts = null;
            int[] ends = null;
            int count = 0;
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
                if (field.equals(call.recordsField) && value == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    starts = new int[64];
                    ends = new int[64];
                    com.fasterxml.jackson.core.JsonToken element;
                    while ((element = parser.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        if (element != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                            call.body.set(parse(call.api, new java.io.ByteArrayInputStream(bytes, 0, length)));
                            return;
                        }
                        if (count == starts.length) {
                            starts = java.util.Arrays.copyOf(starts, count * 2);
                            ends = java.util.Arrays.copyOf(ends, count * 2);
                        }
                        starts[count] = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        ends[count++] = (int) parser.currentLocation().getByteOffset();
                    }
                    body.set(field, JSON.createArrayNode());
                } else {
                    body.set(field, parser.readValueAsTree());
                }
            }
            if (parser.currentToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT || parser.nextToken() != null) {
                // not one JSON object: the whole-body parse gives the usual message
                call.body.set(parse(call.api, new java.io.ByteArrayInputStream(bytes, 0, length)));
                return;
            }
            call.body.set(body);
            if (starts != null) {
                call.records.set(new RecordSlices(bytes, java.util.Arrays.copyOf(starts, count), java.util.Arrays.copyOf(ends, count)));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            call.body.set(parse(call.api, new java.io.ByteArrayInputStream(bytes, 0, length)));
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
