package io.azsync.source;

import java.time.Duration;

/** Waits; a seam so that pacing and back-off decisions can be tested without waiting. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
