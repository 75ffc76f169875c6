package io.azsync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps as Azure and Graph send them: the fast path must agree with java.time, and fall back for the rest. */
class TimestampParsingTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T10:20:30Z", "2024-05-01T10:20:30.1234567Z", "2024-05-01T10:20:30.5+02:00",
            "2023-12-31T23:59:59.999999999-05:30", "2024-02-29T00:00:00z", "2019-03-12T19:01:28.7315291+00:00", "1970-01-01T00:00:00Z"})
    void withOffsetAgreesWithJavaTime(String text) {
        assertEquals(OffsetDateTime.parse(text.replace('z', 'Z')).toInstant(), ColumnType.parseIsoFast(text), text);
        assertEquals(OffsetDateTime.parse(text.replace('z', 'Z')).toInstant(), ColumnType.parseTimestamp(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T10:20:30", "2024-05-01T10:20:30.25"})
    void withoutOffsetIsUtc(String text) {
        assertEquals(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC), ColumnType.parseIsoFast(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30T10:20:30Z", "2024-13-01T10:20:30Z", "2024-05-01 10:20:30Z", "2024-05-01T25:20:30Z",
            "2024-05-01T10:20:30.Z", "2024-05-01T10:20:30+0200", "2024-05-01T10:20Z", "yesterday"})
    void anythingElseIsLeftToTheFormatter(String text) {
        assertNull(ColumnType.parseIsoFast(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30T10:20:30Z", "yesterday", "2024-05-01 10:20:30Z"})
    void invalidTimestampsStillFailWithTheReason(String text) {
        MappingException e = assertThrows(MappingException.class, () -> ColumnType.parseTimestamp(text));
        assertTrue(e.getMessage().contains("is not an ISO-8601 timestamp"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void secondsFractionKeepsNanoseconds() {
        assertEquals(Instant.parse("2024-05-01T10:20:30.000000001Z"), ColumnType.parseIsoFast("2024-05-01T10:20:30.000000001Z"));
    }
}
