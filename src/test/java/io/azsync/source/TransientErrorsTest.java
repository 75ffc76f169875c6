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

    static com.azure.core.http.policy.RequestRetryCondition answered(int status, int tryCount, String... headers) throws Exception {
        com.azure.core.http.HttpHeaders h = new com.azure.core.http.HttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.set(com.azure.core.http.HttpHeaderName.fromString(headers[i]), headers[i + 1]);
        }
        com.azure.core.http.HttpRequest request = new com.azure.core.http.HttpRequest(com.azure.core.http.HttpMethod.POST,
                new java.net.URL("https://management.azure.com/providers/Microsoft.ResourceGraph/resources"));
        com.azure.core.http.HttpResponse response = new com.azure.core.http.HttpResponse(request) {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return h.getValue(com.azure.core.http.HttpHeaderName.fromString(name));
            }

            @Override
            public com.azure.core.http.HttpHeaders getHeaders() {
                return h;
            }

            @Override
            public reactor.core.publisher.Flux<java.nio.ByteBuffer> getBody() {
                return reactor.core.publisher.Flux.empty();
            }

            @Override
            public reactor.core.publisher.Mono<byte[]> getBodyAsByteArray() {
                return reactor.core.publisher.Mono.just(new byte[0]);
            }

            @Override
            public reactor.core.publisher.Mono<String> getBodyAsString() {
                return reactor.core.publisher.Mono.just("");
            }

            @Override
            public reactor.core.publisher.Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
                return reactor.core.publisher.Mono.just("");
            }
        };
        // the condition's constructor is package-private: made as azure-core's RetryPolicy makes it
        var constructor = com.azure.core.http.policy.RequestRetryCondition.class.getDeclaredConstructor(
                com.azure.core.http.HttpResponse.class, Throwable.class, int.class, java.util.List.class);
        constructor.setAccessible(true);
        return constructor.newInstance(response, null, tryCount, java.util.List.of());
    }

    @Test
    void attemptsCountTheFirstOne() throws Exception {
        assertFalse(strategy.shouldRetryCondition(answered(503, 3)), "4 attempts are the first and 3 retries");
        assertTrue(strategy.shouldRetryCondition(answered(503, 2)));
    }

    @Test
    void aThrottledAnswerThatSaysWhenToComeBackIsWaitedOutBeyondTheAttemptsOfOtherErrors() throws Exception {
        assertTrue(strategy.shouldRetryCondition(answered(429, 3, "Retry-After", "1")), "Azure said when: come back then");
        assertTrue(strategy.shouldRetryCondition(answered(429, 10, "x-ms-retry-after-ms", "500")));
        assertEquals(TransientErrors.THROTTLED_ATTEMPTS - 1, strategy.getMaxRetries(), "azure-core's RetryPolicy stops there");
        assertFalse(strategy.shouldRetryCondition(answered(429, 3)), "a 429 without a time to come back counts as any error");
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
