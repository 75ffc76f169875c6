package io.azsync.source;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

/**
 * Parses how long Azure asks us to wait (for the governor, which holds back the API's other
 * requests as long; azure-core's RetryPolicy waits as long before it repeats the refused one):
 * {@code Retry-After} in seconds or as an HTTP date, or {@code retry-after-ms}.
 */
public final class RetryAfter {

    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

    private RetryAfter() {
    }

    public static Optional<Duration> from(HttpHeaders headers, Instant now) {
        Optional<String> ms = Optional.ofNullable(headers.getValue(RETRY_AFTER_MS)).or(() -> Optional.ofNullable(headers.getValue(X_MS_RETRY_AFTER_MS)));
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(ms.get().trim()))));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        return Optional.ofNullable(headers.getValue(HttpHeaderName.RETRY_AFTER)).flatMap(value -> parse(value, now));
    }

    /** {@code "120"} → 120 s; {@code "Wed, 21 Oct 2015 07:28:00 GMT"} → the time until then (never negative). */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
