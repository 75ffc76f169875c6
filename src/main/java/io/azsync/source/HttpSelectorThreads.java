package io.azsync.source;

import java.time.Duration;
import java.util.List;

/**
 * The JDK HTTP client's threads that would hold the azsync process's exit back.
 */
public final class HttpSelectorThreads {

    private HttpSelectorThreads() {
    }

    /**
     * Ends the JDK HTTP clients' selector threads of a process about to exit. Each waits for network
     * events in native code, and the JVM's exit waits up to 300 ms for threads in native code to
     * stop there (measured: every {@code azsync sync} ended 0.3 s after {@code System.exit}, the VM
     * thread polling every 10 ms); an interrupted selector thread closes its client and ends. JDK 17's
     * HTTP client has no {@code close()}, and azure-core does not hand its client out.
     */
    public static void end() {
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> SELECTOR.matcher(t.getName()).matches()).toList();
        selectors.forEach(Thread::interrupt);
        for (Thread t : selectors) {
            try {
                t.join(SELECTOR_END.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final java.util.regex.Pattern SELECTOR = java.util.regex.Pattern.compile("HttpClient-\\d+-SelectorManager");
    private static final Duration SELECTOR_END = Duration.ofMillis(100);
}
