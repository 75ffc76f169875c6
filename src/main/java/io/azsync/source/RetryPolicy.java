package io.azsync.source;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries: a Retry-After from Azure is honoured as given; otherwise exponential back-off
 * from {@code baseDelay}, doubled per attempt, capped at {@code maxDelay}, with jitter (a random
 * value between half and all of the delay) so that parallel clients do not retry in step.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public boolean canRetry(int attempt) {
        return attempt < maxAttempts;
    }

    /** Delay before the attempt after {@code attempt} (1-based). */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long base = baseDelay.toMillis();
        long exp = base << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(exp <= 0 ? Long.MAX_VALUE : exp, maxDelay.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }
}
