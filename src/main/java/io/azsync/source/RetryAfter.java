package io.azsync.source;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses how long Azure asks us to wait: {@code Retry-After} in seconds or as an HTTP date, or {@code retry-after-ms}. */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> from(HttpHeaders headers, Instant now) {
        Optional<String> ms = headers.firstValue("retry-after-ms").or(() -> headers.firstValue("x-ms-retry-after-ms"));
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(ms.get().trim()))));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        return headers.firstValue("retry-after").flatMap(value -> parse(value, now));
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
