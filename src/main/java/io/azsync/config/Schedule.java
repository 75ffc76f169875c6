package io.azsync.config;

import java.time.Duration;
import java.time.Instant;

/**
 * When a stream group of a connector polls: every interval (under 24 hours), by a Quartz cron
 * expression, or once at a date. Default: every 4 hours.
 */
public record Schedule(Duration every, String cron, Instant once) {

    public static final Schedule DEFAULT = new Schedule(Duration.ofHours(4), null, null);

    /**
     * A schedule from exactly one of {@code every} (ISO-8601, at least PT1S and under 24 hours),
     * {@code cron} (Quartz) or {@code once} (an ISO-8601 instant); the message of the
     * IllegalArgumentException says what is wrong with it.
     */
    public static Schedule parse(String group, String every, String cron, String once) {
        int given = (every == null ? 0 : 1) + (cron == null ? 0 : 1) + (once == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("schedule " + group + " takes exactly one of every (e.g. PT4H), cron or once");
        }
        try {
            if (every != null) {
                Duration d = Duration.parse(every);
                if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(24)) >= 0) {
                    throw new IllegalArgumentException("schedule " + group + ": every must be at least PT1S and under 24 hours (use cron beyond)");
                }
                return new Schedule(d, null, null);
            }
            if (cron != null) {
                new org.quartz.CronExpression(cron);
                return new Schedule(null, cron, null);
            }
            return new Schedule(null, null, Instant.parse(once));
        } catch (java.time.format.DateTimeParseException | java.text.ParseException e) {
            throw new IllegalArgumentException("schedule " + group + ": " + e.getMessage());
        }
    }

    /** The schedule as the API shows and takes it: {@code {"every": "PT4H"}}, {@code {"cron": …}} or {@code {"once": …}}. */
    public java.util.Map<String, String> asMap() {
        if (cron != null) {
            return java.util.Map.of("cron", cron);
        }
        if (once != null) {
            return java.util.Map.of("once", once.toString());
        }
        return java.util.Map.of("every", every.toString());
    }

    public String describe() {
        if (cron != null) {
            return "cron " + cron;
        }
        if (once != null) {
            return "once at " + once;
        }
        return "every " + every.toString().substring(2).toLowerCase();
    }
}
