package io.azsync.source;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The governor's pacing decisions, observed through a recording sleeper on a fixed clock. */
class ThrottleGovernorTest {

    final List<Duration> sleeps = new ArrayList<>();
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final ThrottleGovernor governor = new ThrottleGovernor(2, clock, sleeps::add);

    static HttpHeaders quota(int remaining, String resetsAfter) {
        return new HttpHeaders().set(HttpHeaderName.fromString("x-ms-user-quota-remaining"), String.valueOf(remaining))
                .set(HttpHeaderName.fromString("x-ms-user-quota-resets-after"), resetsAfter);
    }

    @Test
    void plentyOfQuotaMeansNoWait() throws Exception {
        governor.onResponse(quota(10, "00:00:05"));
        governor.beforeRequest();
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void noQuotaLeftWaitsForTheWindowToReset() throws Exception {
        governor.onResponse(quota(0, "00:00:04"));
        governor.beforeRequest();
        assertEquals(List.of(Duration.ofSeconds(4)), sleeps);
    }

    @Test
    void withinTheReserveRequestsAreSpreadOverTheWindow() throws Exception {
        governor.onResponse(quota(2, "00:00:03"));
        governor.beforeRequest();
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertEquals(Optional.of(Duration.ofMillis(2500)), governor.pacingDelay(1, Duration.ofSeconds(5)));
    }

    @Test
    void aPauseHoldsEveryRequestBack() throws Exception {
        governor.pause(Duration.ofMillis(700));
        governor.beforeRequest();
        assertEquals(List.of(Duration.ofMillis(700)), sleeps);
    }

    @Test
    void resetsAfterIsParsedAsHoursMinutesSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(3723)), ThrottleGovernor.parseResetsAfter("01:02:03"));
        assertTrue(ThrottleGovernor.parseResetsAfter("soon").isEmpty());
    }

    @Test
    void whenTheWholeQuotaWasOursItWaitsOnlyUntilOurOldestRequestLeavesTheWindow() throws Exception {
        MovingClock moving = new MovingClock();
        ThrottleGovernor g = new ThrottleGovernor(0, moving, sleeps::add);
        // 15 queries answered 100 ms apart; Azure rounds what is left of the 5 s window up to whole seconds
        for (int i = 0; i < 15; i++) {
            Duration left = Duration.ofSeconds(5).minusMillis(100L * i);
            g.onResponse(quota(14 - i, String.format("00:00:%02d", (left.toMillis() + 999) / 1000)));
            moving.now = moving.now.plusMillis(100);
        }
        g.beforeRequest();
        // the first answer came at 0 s: its slot frees at 5 s; it is now 1.5 s
        assertEquals(List.of(Duration.ofMillis(3500).plus(ThrottleGovernor.MARGIN)), sleeps, "not the rounded 4 s");
    }

    /** Four requests go together, are answered 1.2 s later (15 a window of 5 s learned), then {@code more} go at 1.3 s. */
    static List<Instant> fourThenMore(ThrottleGovernor g, MovingClock moving, int more) throws InterruptedException {
        Instant t0 = moving.now;
        List<Instant> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            started.add(g.beforeRequest());   // three counting queries and a first page go out together
        }
        moving.now = t0.plusMillis(1200);
        for (int i = 0; i < 4; i++) {
            g.onResponse(quota(14 - i, "00:00:05"), started.get(i));   // counted on arrival: 5 s left of the window
        }
        moving.now = t0.plusMillis(1300);
        for (int i = 0; i < more; i++) {
            started.add(g.beforeRequest());   // the partitioned chains' first pages
        }
        return started;
    }

    /**
     * Four requests and then {@code more} (see {@link #fourThenMore}); at 2.5 s the last of them is
     * answered "none left, reset in 00:00:03" (2.5 s rounded up to whole seconds). How long after the
     * first request the next one may start.
     */
    Duration nextStartAfterTheLastOfTheQuotaWentTo(int more) throws Exception {
        MovingClock moving = new MovingClock();
        ThrottleGovernor g = new ThrottleGovernor(0, moving, sleeps::add);
        Instant t0 = moving.now;
        List<Instant> started = fourThenMore(g, moving, more);
        moving.now = t0.plusMillis(2500);
        g.onResponse(quota(0, "00:00:03"), started.get(started.size() - 1));
        return Duration.between(t0, g.beforeRequest());
    }

    @Test
    void anAnswerThatTookTheLastOfTheQuotaHoldsNothingBackWhenTheWholeWindowWasOurs() throws Exception {
        assertEquals(Duration.ofMillis(5200), nextStartAfterTheLastOfTheQuotaWentTo(11),
                "the sixteenth starts when the first one's slot frees (and the margin), not 3 s after the answer");
    }

    @Test
    void aProcessThatStartsWhileTheWindowIsBusyKeepsTheDocumentedWindowThoughAzureOnlyReportsShorterResets() throws Exception {
        MovingClock moving = new MovingClock();
        ThrottleGovernor g = new ThrottleGovernor(0, Duration.ofSeconds(5), moving, sleeps::add);
        Instant t0 = moving.now;
        List<Instant> started = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            started.add(g.beforeRequest());
        }
        moving.now = t0.plusMillis(1200);
        // the oldest query in Azure's window was the previous process's, 2 s old: every answer says the reset is 3 s away
        for (int i = 0; i < 15; i++) {
            g.onResponse(quota(14 - i, "00:00:03"), started.get(i));
        }
        assertEquals(t0.plusSeconds(5).plusMillis(200), g.beforeRequest(), "the sixteenth waits for the documented 5 s window, "
                + "not the 3 s the answers reported");
    }

    @Test
    void anAnswerThatTookTheLastOfTheQuotaHoldsEveryRequestBackWhenOthersUsedPartOfIt() throws Exception {
        // ten of ours in the window, yet none left: another client used five
        assertEquals(Duration.ofMillis(5500), nextStartAfterTheLastOfTheQuotaWentTo(6), "Azure's figure is kept");
    }

    @Test
    void whenOthersShareTheQuotaAzuresFigureIsKept() throws Exception {
        MovingClock moving = new MovingClock();
        ThrottleGovernor g = new ThrottleGovernor(0, moving, sleeps::add);
        g.onResponse(quota(14, "00:00:05"));
        moving.now = moving.now.plusMillis(500);
        g.onResponse(quota(0, "00:00:05"));
        g.beforeRequest();
        assertEquals(List.of(Duration.ofSeconds(5)), sleeps, "two of our requests cannot have used a quota of 15");
    }

    @Test
    void onceTheQuotaIsKnownRequestsOfConcurrentStreamsStartAtMostTheQuotaPerWindow() throws Exception {
        MovingClock moving = new MovingClock();
        List<Instant> starts = new ArrayList<>();
        ThrottleGovernor g = new ThrottleGovernor(0, moving, sleeps::add);
        // learned from an answer: 5 a window of 1 s, 4 left
        g.onResponse(quota(4, "00:00:01"));
        for (int i = 0; i < 12; i++) {
            int before = sleeps.size();
            g.beforeRequest();   // every caller asks at the same moment, as concurrent streams do
            starts.add(moving.now.plus(sleeps.size() > before ? sleeps.get(sleeps.size() - 1) : Duration.ZERO));
        }
        for (int i = 0; i + 5 < starts.size(); i++) {
            assertTrue(Duration.between(starts.get(i), starts.get(i + 5)).compareTo(Duration.ofSeconds(1)) >= 0,
                    "six starts within the window: " + starts);
        }
        assertEquals(starts.get(0).plusMillis(2200), starts.get(10), "the 11th waits two windows and two margins (a tenth of the "
                + "window each), no longer: " + starts);
    }

    @Test
    void withRequestsInFlightTheQuotaIsLearnedFromWhatWasAlreadyCountedNotOnlyFromWhatRemained() throws Exception {
        MovingClock moving = new MovingClock();
        ThrottleGovernor g = new ThrottleGovernor(0, moving, sleeps::add);
        List<Instant> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            started.add(g.beforeRequest());   // four streams' first queries go out together
        }
        moving.now = moving.now.plusMillis(1200);
        for (Instant s : started) {
            g.onResponse(quota(11, "00:00:05"), s);   // Azure had counted all four: 11 of 15 left
        }
        moving.now = moving.now.plusMillis(100);
        Instant fifth = g.beforeRequest();
        moving.now = moving.now.plusMillis(1200);
        g.onResponse(quota(10, "00:00:05"), fifth);   // the four answered before it went were counted too
        // learned 15 (10 left + the 4 before it + itself), not 12 from "remaining + 1": ten more may start in this window
        sleeps.clear();
        for (int i = 0; i < 10; i++) {
            g.beforeRequest();
        }
        assertTrue(sleeps.isEmpty(), "ten more fit in the window: " + sleeps);
        g.beforeRequest();
        assertEquals(1, sleeps.size(), "the sixteenth waits for the window");
    }

    @Test
    void aRequestLetGoEarlierButAnsweredLaterIsNotTakenAsCountedBeforeAnother() throws Exception {
        MovingClock moving = new MovingClock();
        ThrottleGovernor g = new ThrottleGovernor(0, moving, sleeps::add);
        Instant slow = g.beforeRequest();   // a new connection's handshake: Azure counts it after the next one
        moving.now = moving.now.plusMillis(300);
        Instant quick = g.beforeRequest();
        moving.now = moving.now.plusMillis(1200);
        g.onResponse(quota(14, "00:00:05"), quick);   // Azure had counted only this one
        g.onResponse(quota(13, "00:00:05"), slow);
        // the quota is 15, not 16: two went, thirteen more fit in the window, the sixteenth waits
        sleeps.clear();
        for (int i = 0; i < 13; i++) {
            g.beforeRequest();
        }
        assertTrue(sleeps.isEmpty(), "thirteen more fit in the window: " + sleeps);
        g.beforeRequest();
        assertEquals(1, sleeps.size(), "the sixteenth in the window waits: the quota was not overestimated");
    }

    /**
     * A sleeper that records each wait ("thread millis"); the test's own thread goes on at once, any
     * other thread counts {@code asleep} down and stays asleep until {@code wake}: so requests of other
     * threads hold their reservations while the test asks.
     */
    static Sleeper otherThreadsSleepUntil(java.util.concurrent.CountDownLatch asleep, java.util.concurrent.CountDownLatch wake,
                                          List<String> waits) {
        Thread main = Thread.currentThread();
        return d -> {
            waits.add(Thread.currentThread().getName() + " " + d.toMillis());
            if (Thread.currentThread() != main) {
                asleep.countDown();
                wake.await();
            }
        };
    }

    @Test
    void aRequestWithAHigherPriorityTakesOverAStartReservedByALowerOneWhichThenStartsLater() throws Exception {
        MovingClock moving = new MovingClock();
        java.util.concurrent.CountDownLatch asleep = new java.util.concurrent.CountDownLatch(3);
        java.util.concurrent.CountDownLatch wake = new java.util.concurrent.CountDownLatch(1);
        List<String> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        ThrottleGovernor g = new ThrottleGovernor(0, moving, otherThreadsSleepUntil(asleep, wake, waits));
        g.onResponse(quota(1, "00:00:01"));   // 2 a window of 1 s
        Instant t = moving.now;
        Instant window = t.plusSeconds(1).plus(Duration.ofMillis(100));   // and the margin
        assertEquals(t, g.beforeRequest(1));
        assertEquals(t, g.beforeRequest(1));
        java.util.Map<String, Instant> started = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Thread th = new Thread(() -> {
                try {
                    started.put(name, g.beforeRequest(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name);
            threads.add(th);
            th.start();
            // each reserves its start before the next asks: a and b the next window, c the one after
            org.awaitility.Awaitility.await().until(() -> waits.size() == threads.size());
        }
        assertTrue(asleep.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Instant urgent = g.beforeRequest(9);   // a chain with many pages left asks last
        wake.countDown();
        for (Thread th : threads) {
            th.join(10_000);
        }

        assertEquals(window, urgent, "it takes the earliest reserved start held by a lower priority");
        assertEquals(window, started.get("a"), "a asked first among equals and keeps its start");
        Instant next = window.plusSeconds(1).plus(Duration.ofMillis(100));
        assertEquals(next, started.get("b"), "b's start went to the urgent request: b starts in the next window");
        assertEquals(next, started.get("c"));
        assertTrue(waits.contains("b 1100"), "b, woken at its old start, waited a window (and margin) more: " + waits);
    }

    @Test
    void aReservationIsTakenOverAtMostTwiceSoAShortStreamIsNotHeldBackByLongOnes() throws Exception {
        MovingClock moving = new MovingClock();
        java.util.concurrent.CountDownLatch asleep = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch wake = new java.util.concurrent.CountDownLatch(1);
        ThrottleGovernor g = new ThrottleGovernor(0, moving, otherThreadsSleepUntil(asleep, wake, new ArrayList<>()));
        g.onResponse(quota(1, "00:00:01"));   // 2 a window of 1 s
        Instant t = moving.now;
        Duration window = Duration.ofMillis(1100);   // the window and its margin
        g.beforeRequest(1);
        g.beforeRequest(1);
        Instant[] shortStream = new Instant[1];
        Thread a = new Thread(() -> {
            try {
                shortStream[0] = g.beforeRequest(1);   // a chain with one page left
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.start();
        assertTrue(asleep.await(10, java.util.concurrent.TimeUnit.SECONDS));
        List<Instant> long_ = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long_.add(g.beforeRequest(500));   // chains with many pages left keep asking
        }
        wake.countDown();
        a.join(10_000);

        assertEquals(List.of(t.plus(window), t.plus(window), t.plus(window.multipliedBy(2)), t.plus(window.multipliedBy(3))), long_);
        assertEquals(t.plus(window.multipliedBy(2)), shortStream[0], "taken over twice, then it keeps its start: " + long_);
    }
}
