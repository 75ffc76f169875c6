package io.azsync.source;

import com.azure.core.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Paces requests to one API before Azure has to say 429. Resource Graph reports the caller's
 * quota in {@code x-ms-user-quota-remaining} and {@code x-ms-user-quota-resets-after}
 * ({@code hh:mm:ss}): with nothing left the governor waits for the window to reset; with fewer
 * than {@code reserve} left it spreads the remaining requests over the window. A Retry-After or
 * back-off applies to every request sharing the governor, not only the one that was refused.
 * <p>
 * Whole seconds are coarse against a 5-second window: waiting the rounded value loses up to a
 * fifth of the quota. So the governor also keeps its own log of when the answers that carried
 * quota headers arrived (Azure counted each request before that), learns the quota (the most ever remaining, plus one) and the window
 * (the longest resets-after), and when every request of the quota in the window was its own, it
 * waits exactly until its oldest one leaves the window (plus a small margin), never longer
 * than Azure said. When other clients share the quota it cannot see their requests, and keeps to
 * Azure's figure.
 */
public final class ThrottleGovernor {

    private static final com.azure.core.http.HttpHeaderName QUOTA_REMAINING = com.azure.core.http.HttpHeaderName.fromString("x-ms-user-quota-remaining");
    private static final com.azure.core.http.HttpHeaderName QUOTA_RESETS_AFTER = com.azure.core.http.HttpHeaderName.fromString("x-ms-user-quota-resets-after");

    private final int reserve;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant notBefore = Instant.EPOCH;
    private final java.util.ArrayDeque<Instant> sent = new java.util.ArrayDeque<>(); // our answered requests in the window
    private int quota;
    private Duration window = Duration.ZERO;
    /** When our requests were (or are scheduled to be) sent, within the last window: concurrent callers queue on it. */
    private final java.util.ArrayDeque<Instant> starts = new java.util.ArrayDeque<>();

    /** Added to the computed end of the window, against clock granularity. */
    static final Duration MARGIN = Duration.ofMillis(50);

    /** How much later than another a request let go after it can reach Azure (a new connection's handshake). */
    static final Duration ARRIVAL_JITTER = Duration.ofMillis(100);
    private static final Duration LONGEST_WINDOW = Duration.ofHours(1);

    public ThrottleGovernor(int reserve) {
        this(reserve, Clock.systemUTC(), Sleeper.REAL);
    }

    /**
     * A governor whose quota window is at least {@code documentedWindow} (Resource Graph: "15
     * queries within every 5-second window"). The window is otherwise learned as the longest
     * {@code resets-after} seen, and a process that starts while the window is busy with the
     * queries of the process before it may only ever see shorter ones (the oldest query in the
     * window is seconds old), learn 3 or 4 s, and let the whole quota go that often.
     */
    public ThrottleGovernor(int reserve, Duration documentedWindow) {
        this(reserve, documentedWindow, Clock.systemUTC(), Sleeper.REAL);
    }

    ThrottleGovernor(int reserve, Duration documentedWindow, Clock clock, Sleeper sleeper) {
        this(reserve, clock, sleeper);
        this.window = documentedWindow;
    }

    public ThrottleGovernor(int reserve, Clock clock, Sleeper sleeper) {
        this.reserve = reserve;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Blocks until the next request may go out. Once the quota and its window are known (from the
     * first answers), the governor keeps its own log of when it let requests go and lets at most
     * the quota (less the reserve) start within any window: with several streams reading at once
     * (each waiting on Azure's latency), the quota is filled but not exceeded, instead of learning
     * of it from 429s. Callers are served in the order they asked.
     */
    public Instant beforeRequest() throws InterruptedException {
        return beforeRequest(NO_PRIORITY);
    }

    /** The priority of a request whose caller has no say in which request waiting for the quota goes first. */
    public static final int NO_PRIORITY = 0;

    /** A start time reserved for a caller, not reached yet: a caller with a higher priority may take it over. */
    private static final class Reservation {
        Instant at;
        final int priority;
        final long order;
        int takenOver;

        Reservation(Instant at, int priority, long order) {
            this.at = at;
            this.priority = priority;
            this.order = order;
        }
    }

    /** Reservations whose time has not come, by time: the times are slots in {@link #starts}, the owners may change. */
    private final java.util.List<Reservation> reserved = new java.util.ArrayList<>();
    private long asked;

    /**
     * As {@link #beforeRequest()}, where requests waiting for the quota go by {@code priority}
     * (higher first; equal ones in the order they asked): a caller's reserved start may be taken
     * over by a later caller with a higher priority, and it then starts at the later time. A
     * Resource Graph chain asks with the pages it still has to read, so when the quota is the limit
     * the longest chains go first and the chains of a query end together (the last window then holds
     * the last page of several chains, not the last two of one).
     */
    public Instant beforeRequest(int priority) throws InterruptedException {
        Reservation mine;
        Instant target;
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant at = now.isAfter(notBefore) ? now : notBefore;
            int allowed = Math.max(1, quota - reserve);
            // the log holds the last two windows (an answer tells what Azure counted in the window before its request went:
            // see onResponse), an hour while no quota is known (APIs without quota headers never grow it)
            Duration kept = window.isZero() ? LONGEST_WINDOW : window.multipliedBy(2);
            while (!starts.isEmpty() && !starts.peekFirst().plus(kept).isAfter(now)) {
                starts.removeFirst();
            }
            if (quota > 0 && !window.isZero()) {
                List<Instant> current = starts.stream().filter(s -> s.plus(window).isAfter(now)).toList();
                if (current.size() >= allowed) {
                    // the request that would be one too many in the window waits until the oldest that counts leaves it
                    Instant oldest = current.get(current.size() - allowed);
                    Instant free = oldest.plus(window).plus(startMargin());
                    if (free.isAfter(at)) {
                        at = free;
                    }
                }
            }
            if (!starts.isEmpty() && starts.peekLast().isAfter(at)) {
                at = starts.peekLast();   // after every start already reserved
            }
            if (quota > 0 || starts.size() < MAX_LOGGED) {
                starts.addLast(at);
            }
            mine = new Reservation(at, priority, asked++);
            reserved.removeIf(r -> !r.at.isAfter(now));
            if (at.isAfter(now)) {
                reserved.add(mine);
                rankReserved();
            }
            target = mine.at;
            wait = Duration.between(now, target);
        }
        try {
            while (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
                synchronized (this) {
                    // a caller with a higher priority may have taken this start over meanwhile: then wait on until the later one
                    wait = Duration.between(target, mine.at);
                    target = mine.at;
                    if (wait.isNegative() || wait.isZero()) {
                        reserved.remove(mine);
                    }
                }
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                // the request will not go: its reservation and its start leave the log
                reserved.remove(mine);
                starts.removeFirstOccurrence(mine.at);
            }
            throw e;
        }
        return target;
    }

    /** How often a reservation may be taken over: a request waits at most this many starts longer than it was given. */
    static final int MOST_TAKEOVERS = 2;

    /**
     * Moves the newest reservation (it holds the latest time) ahead of every reservation with a
     * lower priority that has not been taken over {@link #MOST_TAKEOVERS} times yet, one start at a
     * time: each one passed gets the next later start. Only the newest moves earlier; no owner is
     * moved to an earlier time than the one it sleeps towards, only later, and it sleeps on. The
     * limit keeps a short stream sharing the governor with long ones from waiting for all of them.
     */
    private void rankReserved() {
        reserved.sort(java.util.Comparator.comparing((Reservation r) -> r.at).thenComparingLong(r -> r.order));
        for (int i = reserved.size() - 1; i > 0; i--) {
            Reservation later = reserved.get(i);
            Reservation earlier = reserved.get(i - 1);
            if (later.order != asked - 1 || earlier.priority >= later.priority || earlier.takenOver >= MOST_TAKEOVERS) {
                break;
            }
            Instant t = earlier.at;
            earlier.at = later.at;
            later.at = t;
            earlier.takenOver++;
            reserved.set(i - 1, later);
            reserved.set(i, earlier);
        }
    }

    /**
     * Azure counts a request when it arrives, a little after the governor let it go (a new
     * connection's TLS handshake took up to 100 ms here): a slot is reused {@link #ARRIVAL_JITTER}
     * after its window ended, or a 25th of the window when that is longer (200 ms of Resource
     * Graph's 5 s). The margin covers a delay in time, not a share of the window.
     */
    private Duration startMargin() {
        Duration part = window.dividedBy(25);
        return part.compareTo(ARRIVAL_JITTER) > 0 ? part : ARRIVAL_JITTER;
    }

    /** The most starts logged while no quota is known. */
    private static final int MAX_LOGGED = 10_000;

    /** Reads the quota headers of a response and sets the earliest time of the next request. */
    public void onResponse(HttpHeaders headers) {
        onResponse(headers, null);
    }

    /**
     * A request this governor let go at {@code started} was refused (429) or never answered: it is
     * taken out of the log, so it neither holds a slot nor counts when the quota is learned.
     */
    public synchronized void notCounted(Instant started) {
        if (started != null) {
            starts.removeFirstOccurrence(started);
        }
    }

    /**
     * As above, for a request this governor let go at {@code started}: Azure's count when it took
     * it already held our requests of the window that were answered before this one was let go, so
     * the quota is at least what remained plus those plus this one (with several requests in flight,
     * "remaining + 1" alone would learn too small a quota and leave it unused; requests only let go
     * earlier may have arrived later, and are not counted).
     */
    public void onResponse(HttpHeaders headers, Instant started) {
        Optional<Integer> remaining = Optional.ofNullable(headers.getValue(QUOTA_REMAINING)).flatMap(ThrottleGovernor::parseInt);
        Optional<Duration> resetsAfter = Optional.ofNullable(headers.getValue(QUOTA_RESETS_AFTER)).flatMap(ThrottleGovernor::parseResetsAfter);
        if (remaining.isEmpty() || resetsAfter.isEmpty()) {
            return;
        }
        Optional<Duration> delay = pacingDelay(remaining.get(), resetsAfter.get());
        synchronized (this) {
            // the answer came after Azure counted the request: its window ends no later than now + window
            learn(clock.instant(), remaining.get(), resetsAfter.get(), started);
            if (remaining.get() <= 0 && ownRequestsFilledTheWindowBefore(started)) {
                // the last of the quota went to this request, and our own log holds the window's whole quota: the log
                // already keeps the next requests until each slot frees. Azure's whole seconds, rounded up, held every
                // request back up to a second longer (a fourth of the slots of a window went unused for 1.1 s)
                delay = Optional.empty();
            } else if (remaining.get() <= 0) {
                delay = delay.map(d -> min(d, ownWindowEnd()));
            }
        }
        delay.ifPresent(this::pause);
    }

    /**
     * Whether the requests this governor let go within a window up to {@code started} (that one
     * included) are the whole learned quota: then an answer saying none is left tells nothing the
     * log does not hold. Fewer means other clients use the quota too, and Azure's figure is kept.
     */
    private boolean ownRequestsFilledTheWindowBefore(Instant started) {
        if (started == null || quota <= 0 || window.isZero()) {
            return false;
        }
        long ours = starts.stream().filter(s -> !s.isAfter(started) && s.plus(window).isAfter(started)).count();
        return ours >= quota;
    }

    /** Our answered requests of the last window: when each was let go and when its answer came. */
    private final java.util.ArrayDeque<Instant[]> answered = new java.util.ArrayDeque<>();

    private void learn(Instant answeredAt, int remaining, Duration resetsAfter, Instant started) {
        Duration span = window.isZero() ? resetsAfter : window;
        int before = 0;
        if (started != null) {
            // Azure had surely counted, when this request arrived, our requests answered before it was let go (an answer
            // comes after the count) and let go within a window of this answer (so counted within this one's window).
            // Requests merely let go earlier may have arrived later (a new connection's handshake took 300 ms and more
            // on a busy machine): counting them overestimated the quota for good, and 14 requests were refused
            Instant from = answeredAt.minus(span);
            for (Instant[] a : answered) {
                if (a[0].isAfter(from) && a[1].isBefore(started)) {
                    before++;
                }
            }
            answered.addLast(new Instant[] {started, answeredAt});
            while (!answered.isEmpty() && answered.peekFirst()[1].isBefore(answeredAt.minus(span).minus(span))) {
                answered.removeFirst();
            }
        }
        quota = Math.max(quota, remaining + 1 + before);
        if (resetsAfter.compareTo(window) > 0 && resetsAfter.compareTo(LONGEST_WINDOW) <= 0) {
            window = resetsAfter;
        }
        sent.addLast(answeredAt);
        Instant horizon = clock.instant().minus(window);
        while (sent.size() > quota || (!sent.isEmpty() && sent.peekFirst().isBefore(horizon))) {
            sent.removeFirst();
        }
    }

    /**
     * How long until the oldest of our own requests leaves the window, when the whole quota in the
     * window was ours; otherwise as long as possible (Azure's figure wins).
     */
    private Duration ownWindowEnd() {
        if (sent.size() < quota || window.isZero()) {
            return LONGEST_WINDOW;
        }
        Duration d = Duration.between(clock.instant(), sent.peekFirst().plus(window).plus(MARGIN));
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
