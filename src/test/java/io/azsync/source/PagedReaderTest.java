package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Read-ahead: the next page is read while the current one is used, never a page too many, failures surface when taken. */
class PagedReaderTest {

    final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** Pages 1..last; page {@code failAt} throws; records each read and the thread that made it. */
    static final class Counting extends PagedReader<Integer> {
        final int last;
        final int failAt;
        final List<Integer> reads = new ArrayList<>();
        final CountDownLatch secondRead = new CountDownLatch(2);
        int next = 1;
        boolean completed;

        Counting(int last, int failAt) {
            this.last = last;
            this.failAt = failAt;
        }

        @Override
        protected synchronized Integer doPageRead() {
            int page = next++;
            reads.add(page);
            secondRead.countDown();
            if (page == failAt) {
                throw new IllegalStateException("page " + page + " is malformed");
            }
            return page;
        }

        @Override
        protected synchronized boolean hasMorePages() {
            return next <= last;
        }

        @Override
        protected void onComplete() {
            completed = true;
        }
    }

    @Test
    void theNextPageIsReadWhileTheCurrentOneIsUsedAndNoPageBeyondTheLast() throws Exception {
        Counting reader = new Counting(3, 0);
        reader.readAhead(executor);
        assertEquals(1, reader.next());
        assertTrue(reader.secondRead.await(5, TimeUnit.SECONDS), "page 2 is read before it is taken");
        List<Integer> taken = new ArrayList<>(List.of(1));
        reader.forEachRemaining(taken::add);
        assertEquals(List.of(1, 2, 3), taken);
        assertEquals(List.of(1, 2, 3), reader.reads, "no request beyond the last page");
        assertTrue(reader.completed);
    }

    @Test
    void withoutReadAheadAPageIsReadOnlyWhenTaken() throws Exception {
        Counting reader = new Counting(3, 0);
        assertEquals(1, reader.next());
        assertFalse(reader.secondRead.await(200, TimeUnit.MILLISECONDS));
        assertEquals(List.of(1), reader.reads);
    }

    @Test
    void aFailedReadAheadSurfacesWhenItsPageIsTakenAndEndsTheSequenceUncompleted() {
        Counting reader = new Counting(3, 2);
        reader.readAhead(executor);
        assertEquals(1, reader.next());
        IllegalStateException e = assertThrows(IllegalStateException.class, reader::next);
        assertEquals("page 2 is malformed", e.getMessage());
        assertFalse(reader.hasNext());
        assertFalse(reader.completed, "a failed stream never completes");
        assertEquals(List.of(1, 2), reader.reads);
    }

    @Test
    void closingEndsTheSequence() {
        Counting reader = new Counting(3, 0);
        reader.readAhead(executor);
        reader.next();
        reader.close();
        assertFalse(reader.hasNext());
        assertFalse(reader.completed);
    }

    @Test
    void onceTheRunHasFailedNoFurtherPageIsFetched() {
        Counting reader = new Counting(10, 0);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        reader.stopWhen(failed::get);
        reader.next();
        reader.next();
        failed.set(true);   // the second page could not be loaded: Camel still walks the iterator to its end

        int more = 0;
        while (reader.hasNext()) {
            reader.next();
            more++;
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, more);
        org.junit.jupiter.api.Assertions.assertEquals(2, reader.reads.size(), "only the two pages taken were fetched");
    }
}
