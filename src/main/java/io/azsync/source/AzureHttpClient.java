package io.azsync.source;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.azsync.auth.TokenProvider;

/**
 * Sends requests to Azure APIs with a bearer token, the throttle governor and bounded retries:
 * 429 and 503 honour Retry-After (else back off with jitter), other transient 5xx and connection
 * failures back off the same way, and a 401 refreshes the token once. Everything else fails at
 * once with a message naming the cause and the fix. TLS uses the JVM's default trust store.
 */
public class AzureHttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(AzureHttpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "azsync/0.1";

    private final HttpClient http;
    private final TokenProvider tokens;
    /** One governor per API: each API has its own quota, and a Retry-After of one holds back only its own requests. */
    private final java.util.function.Supplier<ThrottleGovernor> governors;
    private final java.util.Map<String, ThrottleGovernor> governorByApi = new java.util.concurrent.ConcurrentHashMap<>();
    private final RetryPolicy retry;
    private final Duration readTimeout;
    private final Sleeper sleeper;
    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    /** @param governors makes the governor of each API the client calls */
    public AzureHttpClient(TokenProvider tokens, java.util.function.Supplier<ThrottleGovernor> governors, RetryPolicy retry,
                           Duration connectTimeout, Duration readTimeout) {
        this(HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build(),
                tokens, governors, retry, readTimeout, Sleeper.REAL, Clock.systemUTC());
    }

    AzureHttpClient(HttpClient http, TokenProvider tokens, java.util.function.Supplier<ThrottleGovernor> governors, RetryPolicy retry,
                    Duration readTimeout, Sleeper sleeper, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.governors = governors;
        this.retry = retry;
        this.readTimeout = readTimeout;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public TokenProvider tokens() {
        return tokens;
    }

    /** HTTP requests sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    /** 429 and 503 answers received so far. */
    public long throttledCount() {
        return throttled.get();
    }

    /** The governor of an API (Resource Graph, Microsoft Graph, Resource Manager). */
    ThrottleGovernor governor(String api) {
        return governorByApi.computeIfAbsent(api, a -> governors.get());
    }

    public AzureResponse send(AzureRequest request) {
        ThrottleGovernor governor = governor(request.api());
        boolean tokenRefreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            HttpResponse<java.io.InputStream> response;
            JsonNode page = null;
            java.time.Instant started = null;
            try {
                started = governor.beforeRequest();
                requests.incrementAndGet();
                // the body is read here, in this thread, as a stream: no second copy of a page in memory, and an
                // OutOfMemoryError while it is read is met here, not in the HTTP client's own threads
                response = http.send(build(request), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() >= 200 && response.statusCode() < 300) {
                    try (java.io.InputStream body = decoded(response)) {
                        page = parse(request, body);
                    }
                }
            } catch (OutOfMemoryError e) {
                throw memory(request, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AzureApiException(0, null, request.api() + " call interrupted");
            } catch (IOException e) {
                governor.notCounted(started);
                if (outOfMemory(e)) {
                    throw memory(request, e);
                }
                if (retry.canRetry(attempt)) {
                    Duration delay = retry.delay(attempt, Optional.empty());
                    LOG.warn("{} request failed ({}); retrying in {} ms (attempt {} of {})", request.api(), describe(e),
                            delay.toMillis(), attempt + 1, retry.maxAttempts());
                    pause(delay);
                    continue;
                }
                throw new AzureApiException(0, null, "cannot reach " + request.api() + " at " + request.uri().getHost() + " ("
                        + describe(e) + ") after " + attempt + " attempts: check the network, the proxy and the endpoint settings");
            }
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                // only an accepted request tells the quota: a refused one is not among those Azure counted
                governor.onResponse(response.headers(), started);
            } else {
                governor.notCounted(started);
                governor.onResponse(response.headers());
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new AzureResponse(status, response.headers(), page);
            }
            String raw = errorBody(response);
            if (status == 401 && !tokenRefreshed) {
                LOG.info("{} refused the access token (401); fetching a new one", request.api());
                tokens.invalidate(request.scope());
                tokenRefreshed = true;
                attempt--;
                continue;
            }
            boolean throttling = status == 429 || status == 503;
            boolean transientError = throttling || status == 500 || status == 502 || status == 504;
            if (throttling) {
                throttled.incrementAndGet();
            }
            if (transientError && retry.canRetry(attempt)) {
                Optional<Duration> retryAfter = RetryAfter.from(response.headers(), clock.instant());
                Duration delay = retry.delay(attempt, retryAfter);
                LOG.warn("{} answered {}; retrying in {} ms{} (attempt {} of {})", request.api(), status, delay.toMillis(),
                        retryAfter.isPresent() ? " as Retry-After asks" : "", attempt + 1, retry.maxAttempts());
                governor.pause(delay);
                continue;
            }
            throw ErrorAdvice.of(request.api(), status, tryParse(raw), raw);
        }
    }

    /** The JDK client hands an OutOfMemoryError met while reading a body back wrapped in an IOException: it is no network error. */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static AzureApiException memory(AzureRequest request, Throwable e) {
        return new AzureApiException(0, "OutOfMemory", "out of memory while reading an answer of " + request.api()
                + ": it is not retried. Fix: give the JVM more heap (JAVA_OPTS=-Xmx512m, or more), or lower pageSize on the "
                + "stream's route so each page is smaller");
    }

    private HttpRequest build(AzureRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + tokens.token(request.scope()))
                .header("Accept", "application/json")
                // Azure compresses answers for clients that ask: a Resource Graph page shrinks about tenfold
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", USER_AGENT);
        request.headers().forEach(builder::header);
        if (request.jsonBody() != null) {
            builder.header("Content-Type", "application/json");
            builder.method(request.method(), HttpRequest.BodyPublishers.ofString(request.jsonBody(), StandardCharsets.UTF_8));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** An error answer's text (at most 64 KiB of it: enough for any error Azure sends), the connection left reusable. */
    private static String errorBody(HttpResponse<java.io.InputStream> response) {
        try (java.io.InputStream in = decoded(response)) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The body as sent, decompressed while it is read when Azure gzipped it (never held compressed and whole). */
    static java.io.InputStream decoded(HttpResponse<java.io.InputStream> response) throws IOException {
        boolean gzipped = response.headers().allValues("Content-Encoding").stream().anyMatch(v -> v.trim().equalsIgnoreCase("gzip"));
        return gzipped ? new java.util.zip.GZIPInputStream(response.body(), 64 * 1024) : response.body();
    }

    /** Parses a page; a transport failure while reading it is an IOException (retried), invalid JSON is not. */
    private static JsonNode parse(AzureRequest request, java.io.InputStream body) throws IOException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new AzureApiException(200, "MalformedResponse", request.api() + " returned an empty page: the stream stops "
                        + "so that no data is marked deleted; run it again, and report it if it repeats");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AzureApiException(200, "MalformedResponse", request.api() + " returned a malformed page (invalid JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ": " + ErrorAdvice.abbreviate(e.getOriginalMessage()) + "): the stream stops so that no data is marked deleted; run it again, "
                    + "and report it if it repeats");
        }
    }

    private static JsonNode tryParse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureApiException(0, null, "interrupted while waiting to retry");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + ErrorAdvice.abbreviate(message));
    }
}
