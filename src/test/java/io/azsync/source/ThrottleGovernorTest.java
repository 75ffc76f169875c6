package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The governor's pacing decisions, observed through a recording sleeper on a fixed clock. */
class ThrottleGovernorTest {

    final List<Duration> sleeps = new ArrayList<>();
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final ThrottleGovernor governor = new ThrottleGovernor(2, clock, sleeps::add);

    static HttpHeaders quota(int remaining, String resetsAfter) {
        return HttpHeaders.of(Map.of("x-ms-user-quota-remaining", List.of(String.valueOf(remaining)),
                "x-ms-user-quota-resets-after", List.of(resetsAfter)), (a, b) -> true);
    }

    @Test
    void plentyOfQuotaMeansNoWait() throws Exception {
        governor.onResponse(quota(10, "00:00:05"));
        governor.beforeRequest();
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void noQuotaLeftWaitsForTheWindowToReset() throws Exception {
        governor.onResponse(quota(0, "00:00:04"));
        governor.beforeRequest();
        assertEquals(List.of(Duration.ofSeconds(4)), sleeps);
    }

    @Test
    void withinTheReserveRequestsAreSpreadOverTheWindow() throws Exception {
        governor.onResponse(quota(2, "00:00:03"));
        governor.beforeRequest();
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertEquals(Optional.of(Duration.ofMillis(2500)), governor.pacingDelay(1, Duration.ofSeconds(5)));
    }

    @Test
    void aPauseHoldsEveryRequestBack() throws Exception {
        governor.pause(Duration.ofMillis(700));
        governor.beforeRequest();
        assertEquals(List.of(Duration.ofMillis(700)), sleeps);
    }

    @Test
    void resetsAfterIsParsedAsHoursMinutesSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(3723)), ThrottleGovernor.parseResetsAfter("01:02:03"));
        assertTrue(ThrottleGovernor.parseResetsAfter("soon").isEmpty());
    }
}
