package io.azsync.source;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.azure.core.util.SharedExecutorService;

/**
 * The threads azure-core runs its shared work on (the JDK HTTP client's asynchronous work, and each
 * body read that has a read timeout), for the azsync process. azure-core's own pool registers a
 * shutdown hook that held every {@code azsync sync} open for about 0.35 s after its work was done
 * (measured with strace: from {@code System.exit} to the process's end); azsync gives it daemon
 * threads instead, sized as azure-core sizes its own (ten per processor, or
 * {@code AZURE_SDK_SHARED_THREADPOOL_MAXPOOLSIZE}), ending when idle. By then
 * every request of a sync has been answered, and the service stops its routes before it exits.
 */
public final class AzureSdkThreads {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private AzureSdkThreads() {
    }

    /** Gives azure-core's shared executor daemon threads; call once, first thing in the process (later calls do nothing more). */
    public static synchronized void useDaemonThreads() {
        if (installed) {
            return;
        }
        // azure-core's own settings of its pool still apply (its size and idle time; not its virtual threads: JDK 21+)
        com.azure.core.util.Configuration config = com.azure.core.util.Configuration.getGlobalConfiguration();
        int size = positive(config.get("AZURE_SDK_SHARED_THREADPOOL_MAXPOOLSIZE"), 10 * Runtime.getRuntime().availableProcessors());
        long idleMillis = positive(config.get("AZURE_SDK_SHARED_THREADPOOL_KEEPALIVEMILLIS"), (int) IDLE.toMillis());
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(size, task -> {
            Thread thread = new Thread(task, "azsync-azure-sdk-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setKeepAliveTime(idleMillis, TimeUnit.MILLISECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        SharedExecutorService.getInstance().setExecutorService(pool);
        installed = true;
    }

    private static boolean installed;

    private static int positive(String value, int otherwise) {
        try {
            int n = value == null ? otherwise : Integer.parseInt(value.trim());
            return n > 0 ? n : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * Ends the JDK HTTP clients' selector threads of a process about to exit. Each waits for network
     * events in native code, and the JVM's exit waits up to 300 ms for threads in native code to
     * stop there (measured: every {@code azsync sync} ended 0.3 s after {@code System.exit}, the VM
     * thread polling every 10 ms); an interrupted selector thread closes its client and ends. JDK 17's
     * HTTP client has no {@code close()}, and azure-core does not hand its client out.
     */
    public static void endHttpSelectors() {
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
