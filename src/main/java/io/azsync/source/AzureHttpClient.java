package io.azsync.source;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;

import io.azsync.auth.TokenProvider;

/**
 * Sends requests to Azure APIs through azure-core's {@link HttpPipeline} over the JDK HTTP client
 * (TLS with the JVM's default trust store). One pipeline per token audience, its policies outermost
 * first: {@link ErrorAdvicePolicy} (what is left after retries becomes a message naming the fix),
 * user agent, {@code x-ms-client-request-id}, {@code Accept-Encoding: gzip}, azure-core's
 * {@link RetryPolicy} ({@link TransientErrors}: Retry-After, {@code retry-after-ms} and
 * {@code x-ms-retry-after-ms} honoured, else exponential back-off with jitter), the bearer token
 * ({@link AzureTokenPolicy}, a new token after a 401), azure-core's logging (headers redacted; off
 * unless {@code AZSYNC_HTTP_LOG} asks), the body read as a stream
 * ({@link JsonBodyPolicy}), and each attempt paced by its API's governor ({@link GovernorPolicy}).
 */
public class AzureHttpClient {

    private static final String USER_AGENT = "azsync/0.1";

    private final HttpClient http;
    private final TokenProvider tokens;
    /** One governor per API: each API has its own quota, and a Retry-After of one holds back only its own requests. */
    private final Supplier<ThrottleGovernor> governors;
    private final Map<String, ThrottleGovernor> governorByApi = new ConcurrentHashMap<>();
    private final Map<String, HttpPipeline> pipelineByScope = new ConcurrentHashMap<>();
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final HttpLogDetailLevel log;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    /**
     * @param governors makes the governor of each API the client calls
     * @param maxAttempts attempts per request in all (429, 503, other transient 5xx, connection failures)
     */
    public AzureHttpClient(TokenProvider tokens, Supplier<ThrottleGovernor> governors, int maxAttempts, Duration baseDelay,
                           Duration maxDelay, Duration connectTimeout, Duration readTimeout, HttpLogDetailLevel log) {
        this.http = new JdkHttpClientBuilder().connectionTimeout(connectTimeout).responseTimeout(readTimeout)
                .readTimeout(readTimeout).build();
        this.tokens = tokens;
        this.governors = governors;
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.log = log;
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
        HttpRequest http;
        try {
            http = new HttpRequest(HttpMethod.valueOf(request.method()), request.uri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + request.uri(), e);
        }
        http.setHeader(HttpHeaderName.ACCEPT, "application/json");
        request.headers().forEach((name, value) -> http.setHeader(HttpHeaderName.fromString(name), value));
        if (request.jsonBody() != null) {
            http.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            http.setBody(request.jsonBody());
        }
        AzureCall call = new AzureCall(request.api(), request.recordsField(), request.priority());
        // azure-core's HttpLoggingPolicy logs under the "caller-method" name: this class's, so azsync's log levels apply
        HttpResponse response = pipeline(request.scope()).sendSync(http, new Context(AzureCall.KEY, call)
                .addData("caller-method", AzureHttpClient.class.getName()));
        return new AzureResponse(response.getStatusCode(), response.getHeaders(), call.body.get(), call.records.get());
    }

    private HttpPipeline pipeline(String scope) {
        return pipelineByScope.computeIfAbsent(scope, s -> new HttpPipelineBuilder().httpClient(http).policies(
                new ErrorAdvicePolicy(maxAttempts),
                new UserAgentPolicy(USER_AGENT),
                new RequestIdPolicy(),
                // Azure compresses answers for clients that ask: a Resource Graph page shrinks about tenfold
                new AddHeadersPolicy(new com.azure.core.http.HttpHeaders().set(HttpHeaderName.ACCEPT_ENCODING, "gzip")),
                new RetryPolicy(new TransientErrors(maxAttempts, baseDelay, maxDelay)),
                new AzureTokenPolicy(tokens, s),
                new HttpLoggingPolicy(new HttpLogOptions().setLogLevel(log)),
                new JsonBodyPolicy(),
                new GovernorPolicy(this::governor, requests, throttled, Clock.systemUTC())).build());
    }
}
