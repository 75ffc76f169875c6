package io.azsync.source;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;

import reactor.core.publisher.Mono;

/**
 * The last policy before the wire: every attempt (a retry, a repetition after a new token) waits
 * for its API's {@link ThrottleGovernor}; an accepted answer teaches the governor the quota, a
 * refused or unanswered one leaves its log, and a Retry-After holds back the API's other requests
 * too. Counts requests and throttled answers.
 */
final class GovernorPolicy implements HttpPipelinePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(AzureHttpClient.class);

    private final Function<String, ThrottleGovernor> governors;
    private final AtomicLong requests;
    private final AtomicLong throttled;
    private final Clock clock;

    GovernorPolicy(Function<String, ThrottleGovernor> governors, AtomicLong requests, AtomicLong throttled, Clock clock) {
        this.governors = governors;
        this.requests = requests;
        this.throttled = throttled;
        this.clock = clock;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        AzureCall call = AzureCall.of(context);
        ThrottleGovernor governor = governors.apply(call.api);
        Instant started;
        try {
            started = governor.beforeRequest(call.priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureApiException(0, null, call.api + " call interrupted");
        }
        requests.incrementAndGet();
        HttpResponse response;
        try {
            response = next.processSync();
        } catch (RuntimeException | Error e) {
            governor.notCounted(started);
            if (e instanceof RuntimeException && !(e instanceof AzureApiException)) {
                LOG.warn("{} request failed ({})", call.api, ErrorAdvice.abbreviate(String.valueOf(e.getMessage())));
            }
            throw e;
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            // only an accepted request tells the quota: a refused one is not among those Azure counted
            governor.onResponse(response.getHeaders(), started);
            return response;
        }
        governor.notCounted(started);
        governor.onResponse(response.getHeaders());
        if (status == 429 || status == 503) {
            throttled.incrementAndGet();
            Optional<java.time.Duration> retryAfter = RetryAfter.from(response.getHeaders(), clock.instant());
            // the API's other requests wait as long as Azure asked this one to
            retryAfter.ifPresent(governor::pause);
            LOG.warn("{} answered {}{}", call.api, status, retryAfter.map(d -> "; Retry-After " + d.toMillis() + " ms").orElse(""));
        } else if (status >= 500) {
            LOG.warn("{} answered {}", call.api, status);
        }
        return response;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.error(new UnsupportedOperationException("azsync calls Azure synchronously"));
    }
}
