package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void retryAfterIsHonouredAsGiven() {
        assertEquals(Duration.ofSeconds(42), policy.delay(1, Optional.of(Duration.ofSeconds(42))));
    }

    @Test
    void backOffDoublesWithJitterAndIsCapped() {
        for (int i = 0; i < 50; i++) {
            Duration first = policy.delay(1, Optional.empty());
            Duration third = policy.delay(3, Optional.empty());
            Duration tenth = policy.delay(10, Optional.empty());
            assertTrue(first.toMillis() >= 500 && first.toMillis() <= 1000, first.toString());
            assertTrue(third.toMillis() >= 2000 && third.toMillis() <= 4000, third.toString());
            assertTrue(tenth.toMillis() >= 5000 && tenth.toMillis() <= 10000, tenth.toString());
        }
    }

    @Test
    void attemptsAreBounded() {
        assertTrue(policy.canRetry(3));
        assertFalse(policy.canRetry(4));
    }
}
