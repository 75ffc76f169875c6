package io.azsync.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The subscription list of one connector, read once ahead of its first use: {@code azsync sync}
 * announces it ({@link #expect()}) before its start-up thread fetches the token and then reads it,
 * while Camel and the database start, so that the first Resource Graph query does not wait for
 * Resource Manager's answer. The first caller takes it, waiting if it is still on its way. A list
 * older than {@link #FRESH}, a read-ahead given up ({@link #none()}, e.g. the token failed) and
 * every later caller list anew; Resource Manager's own refusal of a fresh read-ahead (after its
 * retries) is the caller's answer too, not asked twice.
 */
public final class SubscriptionReadAhead {

    /** How old a list read ahead may be when it is taken. */
    static final Duration FRESH = Duration.ofMinutes(1);

    private record Read(List<SubscriptionLister.Subscription> list, AzureApiException refused, Instant at) {
    }

    /** What the next {@link #take} takes. */
    private final AtomicReference<CompletableFuture<Read>> ahead = new AtomicReference<>();
    /** What the read-ahead completes: the announced one, even when a caller took it already and waits for it. */
    private volatile CompletableFuture<Read> announced;
    private final Clock clock;

    public SubscriptionReadAhead() {
        this(Clock.systemUTC());
    }

    SubscriptionReadAhead(Clock clock) {
        this.clock = clock;
    }

    /** Announces a read-ahead: the first {@link #take} waits for it rather than listing itself. */
    public synchronized void expect() {
        CompletableFuture<Read> read = new CompletableFuture<>();
        if (ahead.compareAndSet(null, read)) {
            announced = read;
        }
    }

    /** Lists the subscriptions now, on the calling thread, for the next {@link #take}. */
    public void readAhead(SubscriptionLister lister) {
        CompletableFuture<Read> read;
        synchronized (this) {
            if (announced == null || announced.isDone()) {
                expect();
            }
            read = announced;
        }
        try {
            read.complete(new Read(lister.listWithState(), null, clock.instant()));
        } catch (AzureApiException e) {
            read.complete(new Read(null, e, clock.instant()));
        } catch (Throwable e) {
            read.complete(null);   // the caller lists itself, and meets the failure there
            throw e;
        }
    }

    /** Gives an announced read-ahead up: the caller lists itself. */
    public void none() {
        CompletableFuture<Read> read = announced;
        if (read != null) {
            read.complete(null);
        }
    }

    /** The list read ahead, once, when it was read and is fresh; else {@code lister}'s list, read now. */
    public List<SubscriptionLister.Subscription> take(SubscriptionLister lister) {
        CompletableFuture<Read> taken = ahead.getAndSet(null);
        if (taken != null) {
            Read read;
            try {
                read = taken.join();
            } catch (CompletionException e) {
                read = null;
            }
            if (read != null && !read.at().plus(FRESH).isBefore(clock.instant())) {
                if (read.refused() != null) {
                    throw read.refused();
                }
                return read.list();
            }
        }
        return lister.listWithState();
    }
}
