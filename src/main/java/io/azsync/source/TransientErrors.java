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
 * answer azsync refused (invalid JSON, out of memory) fails at once.
 */
final class TransientErrors implements RetryStrategy {

    private final ExponentialBackoff backoff;

    /** @param maxAttempts attempts in all, the first included */
    TransientErrors(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this.backoff = new ExponentialBackoff(new ExponentialBackoffOptions().setMaxRetries(Math.max(0, maxAttempts - 1))
                .setBaseDelay(baseDelay).setMaxDelay(maxDelay));
    }

    @Override
    public int getMaxRetries() {
        return backoff.getMaxRetries();
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
