package io.azsync.cli;

/**
 * SIGTERM (what {@code docker stop} and Kubernetes send) and SIGINT (Ctrl-C) ask the service to
 * stop in order, instead of starting the JVM's shutdown at once: the service then ends its runs with
 * the truth, closes Camel and exits 0. Without this, the JVM would run shutdown hooks while the
 * service still works, and exit 143 whatever they did.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void install(Runnable stop) {
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (asked.getAndSet(true)) {
                        // asked twice: the operator wants it gone now; the next start closes what is left open
                        System.err.println("Stopping at once (second signal): runs left open are closed at the next start.");
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                // the signal is not available on this platform, or the JVM reserves it (-Xrs): the JVM's default stands
            }
        }
    }
}
