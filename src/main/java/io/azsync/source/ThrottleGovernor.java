package io.azsync.source;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Paces requests to one API before Azure has to say 429. Resource Graph reports the caller's
 * quota in {@code x-ms-user-quota-remaining} and {@code x-ms-user-quota-resets-after}
 * ({@code hh:mm:ss}): with nothing left the governor waits for the window to reset; with fewer
 * than {@code reserve} left it spreads the remaining requests over the window. A Retry-After or
 * back-off applies to every request sharing the governor, not only the one that was refused.
 */
public final class ThrottleGovernor {

    private final int reserve;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant notBefore = Instant.EPOCH;

    public ThrottleGovernor(int reserve) {
        this(reserve, Clock.systemUTC(), Sleeper.REAL);
    }

    public ThrottleGovernor(int reserve, Clock clock, Sleeper sleeper) {
        this.reserve = reserve;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until the next request may go out. */
    public void beforeRequest() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            wait = Duration.between(clock.instant(), notBefore);
        }
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Reads the quota headers of a response and sets the earliest time of the next request. */
    public void onResponse(HttpHeaders headers) {
        Optional<Integer> remaining = headers.firstValue("x-ms-user-quota-remaining").flatMap(ThrottleGovernor::parseInt);
        Optional<Duration> resetsAfter = headers.firstValue("x-ms-user-quota-resets-after").flatMap(ThrottleGovernor::parseResetsAfter);
        if (remaining.isEmpty() || resetsAfter.isEmpty()) {
            return;
        }
        pacingDelay(remaining.get(), resetsAfter.get()).ifPresent(this::pause);
    }

    /** The wait the quota implies: the whole window when none is left, a share of it within the reserve. */
    Optional<Duration> pacingDelay(int remaining, Duration resetsAfter) {
        if (remaining <= 0) {
            return Optional.of(resetsAfter);
        }
        if (remaining <= reserve) {
            return Optional.of(resetsAfter.dividedBy(remaining + 1L));
        }
        return Optional.empty();
    }

    /** Holds every request back for at least {@code duration}. */
    public synchronized void pause(Duration duration) {
        Instant until = clock.instant().plus(duration);
        if (until.isAfter(notBefore)) {
            notBefore = until;
        }
    }

    private static Optional<Integer> parseInt(String value) {
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 00:00:03} → 3 s. */
    static Optional<Duration> parseResetsAfter(String value) {
        try {
            LocalTime t = LocalTime.parse(value.trim());
            return Optional.of(Duration.ofNanos(t.toNanoOfDay()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
