package io.azsync.source;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryStrategy;

/**
 * azure-core's {@link ExponentialBackoff} (408, 429, 500, 502, 503, 504; doubling delay with
 * jitter, capped) for azure-core's RetryPolicy, which honours {@code Retry-After},
 * {@code retry-after-ms} and {@code x-ms-retry-after-ms} first. Narrowed in one point: only
 * connection and timeout failures are repeated, not every exception (azure-core's default), so an
 * answer azsync refused (invalid JSON, out of memory) fails at once. Widened in another: a 429
 * that says when to come back ({@code Retry-After}, {@code retry-after-ms},
 * {@code x-ms-retry-after-ms}) is waited out as asked up to {@link #THROTTLED_ATTEMPTS} attempts,
 * not {@code maxAttempts}: throttling is Azure pacing the caller, and a stream should be slowed by
 * it, not failed (a re-sync sharing the quota with the sync before it had six answers of 429 in a
 * row for one query and failed).
 */
final class TransientErrors implements RetryStrategy {

    /** Attempts in all for a request Azure answers 429 with a time to come back. */
    static final int THROTTLED_ATTEMPTS = 30;

    private static final java.util.List<com.azure.core.http.HttpHeaderName> RETRY_AFTER = java.util.List.of(
            com.azure.core.http.HttpHeaderName.RETRY_AFTER, com.azure.core.http.HttpHeaderName.fromString("retry-after-ms"),
            com.azure.core.http.HttpHeaderName.fromString("x-ms-retry-after-ms"));

    private final ExponentialBackoff backoff;

    /** @param maxAttempts attempts in all, the first included (a 429 with a time to come back: {@link #THROTTLED_ATTEMPTS}) */
    TransientErrors(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this.backoff = new ExponentialBackoff(new ExponentialBackoffOptions().setMaxRetries(Math.max(0, maxAttempts - 1))
                .setBaseDelay(baseDelay).setMaxDelay(maxDelay));
    }

    /** The most retries of any request: azure-core's RetryPolicy stops there; {@link #shouldRetryCondition} stops the others earlier. */
    @Override
    public int getMaxRetries() {
        return Math.max(backoff.getMaxRetries(), THROTTLED_ATTEMPTS - 1);
    }

    @Override
    public boolean shouldRetryCondition(com.azure.core.http.policy.RequestRetryCondition condition) {
        com.azure.core.http.HttpResponse response = condition.getResponse();
        if (response != null && response.getStatusCode() == HTTP_STATUS_TOO_MANY_REQUESTS
                && RETRY_AFTER.stream().anyMatch(h -> response.getHeaderValue(h) != null)) {
            return true;
        }
        if (condition.getTryCount() >= backoff.getMaxRetries()) {
            return false;
        }
        return response != null ? shouldRetry(response) : shouldRetryException(condition.getThrowable());
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return backoff.calculateRetryDelay(retryAttempts);
    }

    @Override
    public boolean shouldRetry(HttpResponse response) {
        return backoff.shouldRetry(response);
    }

    @Override
    public boolean shouldRetryException(Throwable throwable) {
        return !JsonBodyPolicy.outOfMemory(throwable) && !interrupted(throwable) && connectionFailure(throwable);
    }

    /** A connection or timeout failure (an I/O error on the way), not an answer azsync refused. */
    static boolean connectionFailure(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AzureApiException || t instanceof io.azsync.auth.AzureAuthException) {
                return false;
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A call cut short because its thread was interrupted (a stop), not by the network: never repeated. */
    static boolean interrupted(Throwable throwable) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException
                    || (t instanceof java.io.InterruptedIOException && !(t instanceof java.net.SocketTimeoutException))) {
                return true;
            }
            // azure-core's RetryPolicy, interrupted while it waits to retry, adds the interruption as suppressed
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof InterruptedException) {
                    return true;
                }
            }
        }
        return false;
    }
}
