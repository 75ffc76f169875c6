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
 * reads it right after the token, while Camel and the database start, so that the first Resource
 * Graph query does not wait for Resource Manager's answer. The first caller takes it, waiting if
 * it is still on its way; a list older than {@link #FRESH}, a failed read-ahead and every later
 * caller list anew (a failure is then reported by that caller's own request, with its advice).
 */
public final class SubscriptionReadAhead {

    /** How old a list read ahead may be when it is taken. */
    static final Duration FRESH = Duration.ofMinutes(1);

    private record Read(List<SubscriptionLister.Subscription> list, Instant at) {
    }

    private final AtomicReference<CompletableFuture<Read>> ahead = new AtomicReference<>();
    private final Clock clock;

    public SubscriptionReadAhead() {
        this(Clock.systemUTC());
    }

    SubscriptionReadAhead(Clock clock) {
        this.clock = clock;
    }

    /** Lists the subscriptions now, on the calling thread, for the next {@link #take}. */
    public void readAhead(SubscriptionLister lister) {
        CompletableFuture<Read> read = new CompletableFuture<>();
        ahead.set(read);
        try {
            List<SubscriptionLister.Subscription> list = lister.listWithState();
            read.complete(new Read(list, clock.instant()));
        } catch (RuntimeException e) {
            read.completeExceptionally(e);
        }
    }

    /** The list read ahead, once, when it was read and is fresh; else {@code lister}'s list, read now. */
    public List<SubscriptionLister.Subscription> take(SubscriptionLister lister) {
        CompletableFuture<Read> taken = ahead.getAndSet(null);
        if (taken != null) {
            try {
                Read read = taken.join();
                if (!read.at().plus(FRESH).isBefore(clock.instant())) {
                    return read.list();
                }
            } catch (CompletionException e) {
                // listed again below: this caller's own request reports the failure with its advice
            }
        }
        return lister.listWithState();
    }
}
