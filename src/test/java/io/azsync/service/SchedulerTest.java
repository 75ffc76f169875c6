package io.azsync.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.azsync.config.Schedule;

/** When a schedule counts as overdue after downtime (and so runs once at start). */
class SchedulerTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void anIntervalIsOverdueOnceItsTimeHasPassed() {
        Schedule every4h = new Schedule(Duration.ofHours(4), null, null);
        assertTrue(Scheduler.overdue(every4h, null, NOW), "never ran");
        assertTrue(Scheduler.overdue(every4h, NOW.minus(Duration.ofHours(5)), NOW));
        assertFalse(Scheduler.overdue(every4h, NOW.minus(Duration.ofHours(3)), NOW));
    }

    @Test
    void aCronIsOverdueWhenAFiringWasMissedSinceTheLastRun() {
        Schedule daily3am = new Schedule(null, "0 0 3 * * ?", null);
        assertTrue(Scheduler.overdue(daily3am, Instant.parse("2026-11-22T04:00:00Z"), NOW), "missed today's 03:00");
        assertFalse(Scheduler.overdue(daily3am, Instant.parse("2026-11-23T03:00:05Z"), NOW));
    }

    @Test
    void aRunOnceDateRunsWhenPastAndNeverRan() {
        Schedule once = new Schedule(null, null, Instant.parse("2026-11-23T06:00:00Z"));
        assertTrue(Scheduler.overdue(once, null, NOW));
        assertFalse(Scheduler.overdue(once, Instant.parse("2026-11-23T06:00:01Z"), NOW));
        assertFalse(Scheduler.overdue(new Schedule(null, null, NOW.plusSeconds(60)), null, NOW));
    }
}
