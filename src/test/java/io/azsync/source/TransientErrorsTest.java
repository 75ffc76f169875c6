package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Which failures azure-core's RetryPolicy repeats for azsync, how often and how long it waits. */
class TransientErrorsTest {

    final TransientErrors strategy = new TransientErrors(4, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void attemptsCountTheFirstOne() {
        assertEquals(3, strategy.getMaxRetries(), "4 attempts are the first and 3 retries");
    }

    @Test
    void connectionFailuresAndTimeoutsAreRepeated() {
        assertTrue(strategy.shouldRetryException(new UncheckedIOException(new ConnectException("Connection refused"))));
        assertTrue(strategy.shouldRetryException(new RuntimeException(new HttpTimeoutException("request timed out"))));
    }

    @Test
    void anAnswerAzsyncRefusedIsNotRepeated() {
        assertFalse(strategy.shouldRetryException(new AzureApiException(200, "MalformedResponse", "malformed page")));
        assertFalse(strategy.shouldRetryException(new UncheckedIOException(new java.io.IOException(new OutOfMemoryError()))));
        assertFalse(strategy.shouldRetryException(new IllegalStateException("a bug")));
        assertFalse(strategy.shouldRetryException(new UncheckedIOException(new java.io.InterruptedIOException("stopped"))),
                "a call cut short by a stop");
        assertTrue(strategy.shouldRetryException(new UncheckedIOException(new java.net.SocketTimeoutException("Read timed out"))),
                "a socket timeout is a network failure");
    }

    @Test
    void backOffGrowsAndIsCapped() {
        Duration first = strategy.calculateRetryDelay(0);
        Duration third = strategy.calculateRetryDelay(2);
        Duration tenth = strategy.calculateRetryDelay(9);
        assertTrue(first.toMillis() >= 900 && first.toMillis() <= 2100, first.toString());
        assertTrue(third.compareTo(first) > 0, third + " after " + first);
        assertEquals(Duration.ofSeconds(10), tenth);
    }
}
