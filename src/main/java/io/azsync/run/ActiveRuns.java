package io.azsync.run;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of this process that are queued or working, so a stopping service can end them with
 * the truth: the working ones stop at their next page boundary (failed, "stopped"), the queued ones
 * never start (cancelled).
 */
public final class ActiveRuns {

    private final Set<StreamRun> runs = ConcurrentHashMap.newKeySet();
    private volatile String stopReason;

    void add(StreamRun run) {
        runs.add(run);
        String reason = stopReason;
        if (reason != null) {
            run.requestStop(reason);
        }
    }

    void remove(StreamRun run) {
        synchronized (runs) {
            runs.remove(run);
            runs.notifyAll();
        }
    }

    /** Why runs must stop, or null while the process is not stopping. */
    public String stopping() {
        return stopReason;
    }

    /** Asks every run to stop at its next page boundary, and runs not yet started not to start. */
    public void stopAll(String reason) {
        stopReason = reason;
        runs.forEach(r -> r.requestStop(reason));
    }

    /** Waits until no run is active, at most {@code timeout}; returns the runs still active then. */
    public List<StreamRun> awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (runs) {
            while (!runs.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                runs.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(runs);
        }
    }
}
