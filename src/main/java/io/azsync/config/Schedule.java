package io.azsync.config;

import java.time.Duration;
import java.time.Instant;

/**
 * When a stream group of a connector polls: every interval (under 24 hours), by a Quartz cron
 * expression, or once at a date. Default: every 4 hours.
 */
public record Schedule(Duration every, String cron, Instant once) {

    public static final Schedule DEFAULT = new Schedule(Duration.ofHours(4), null, null);

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
