package io.azsync.source;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A lazy sequence of pages behind one hook, {@link #doPageRead()}. Whether another page exists is
 * known from the previous answer (a skip token, a next link) without any I/O, so the splitter can
 * look ahead for free. When the source has no more pages, {@link #onComplete()} runs once, so the
 * run knows the stream was read to its end. A failed read ends the sequence for good: it is never
 * retried here and never completes.
 * <p>
 * By default a page is fetched only when it is taken. With {@link #readAhead} the reader fetches
 * the one page after the page just taken in the background, while that page is mapped and loaded:
 * the source's latency overlaps the sink's work, at most one page is held ahead (memory stays
 * bounded), no request is made that the sequential reader would not make (the next page is only
 * fetched when the previous answer says it exists), and reads stay strictly one after another, so
 * pacing and retries see the same order. A failed read ahead surfaces when its page is taken;
 * {@link #close()} (the splitter closes its iterator) cancels a read that is no longer wanted.
 */
public abstract class PagedReader<T> implements Iterator<T>, Iterable<T>, Closeable {

    private boolean completed;
    private boolean failed;
    private ExecutorService readAhead;
    private Future<T> ahead;
    private java.util.function.BooleanSupplier stop = () -> false;

    /** Reads the next page; called only while {@link #hasMorePages()} is true, never concurrently. */
    protected abstract T doPageRead();

    /** Whether another page can be read, answered from what earlier pages said (no I/O). */
    protected abstract boolean hasMorePages();

    /** Called once when the source has no more pages. */
    protected void onComplete() {
    }

    /**
     * Fetch the next page in the background, on {@code executor} (the component's, from Camel's
     * ExecutorServiceManager), while the current one is used (see the class comment).
     */
    public PagedReader<T> readAhead(ExecutorService executor) {
        readAhead = executor;
        return this;
    }

    /**
     * Ends the sequence once {@code condition} holds (the stream's run failed or stopped at a page):
     * Camel's splitter, even when it stops on an exception, still walks the iterator to its end,
     * and pages nobody will load must not be fetched.
     */
    public PagedReader<T> stopWhen(java.util.function.BooleanSupplier condition) {
        stop = condition;
        return this;
    }

    @Override
    public final boolean hasNext() {
        if (failed) {
            return false;
        }
        if (stop.getAsBoolean()) {
            close();
            return false;
        }
        if (ahead != null) {
            return true;
        }
        boolean more = hasMorePages();
        if (!more && !completed) {
            completed = true;
            onComplete();
        }
        return more;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T page;
        try {
            page = ahead != null ? await(ahead) : doPageRead();
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            ahead = null;
        }
        if (readAhead != null && hasMorePages()) {
            ahead = readAhead.submit(this::doPageRead);
        }
        return page;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("interrupted while waiting for the next page", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("the read of the next page was cancelled", e);
        }
    }

    /** Cancels a read ahead nobody will take (the stream stopped); the sequence ends. */
    @Override
    public void close() {
        failed = true;
        Future<T> pending = ahead;
        ahead = null;
        if (pending != null) {
            pending.cancel(true);
        }
    }

    @Override
    public final Iterator<T> iterator() {
        return this;
    }
}
