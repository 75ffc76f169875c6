package io.azsync.source;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2015-10-21T07:27:30Z");

    @Test
    void secondsAndHttpDatesAreUnderstood() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse("1.5", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW), "a past date means now");
    }

    @Test
    void garbageAndAbsenceMeanNoAdvice() {
        assertTrue(RetryAfter.parse("soon", NOW).isEmpty());
        assertTrue(RetryAfter.parse("-5", NOW).isEmpty());
        assertTrue(RetryAfter.from(new HttpHeaders(), NOW).isEmpty());
    }

    @Test
    void millisecondHeadersWin() {
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("retry-after-ms"), "250")
                .set(HttpHeaderName.RETRY_AFTER, "9");
        assertEquals(Optional.of(Duration.ofMillis(250)), RetryAfter.from(headers, NOW));
    }
}
