package io.azsync.source;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy sequence of pages behind one hook, {@link #doPageRead()}. Whether another page exists is
 * known from the previous answer (a skip token, a next link) without any I/O, so the splitter can
 * look ahead for free and a page is fetched only when the splitter takes it. When the source has
 * no more pages, {@link #onComplete()} runs once, so the run knows the stream was read to its end.
 * A failed read ends the sequence for good: it is never retried here and never completes.
 */
public abstract class PagedReader<T> implements Iterator<T>, Iterable<T> {

    private boolean completed;
    private boolean failed;

    /** Reads the next page; called only while {@link #hasMorePages()} is true. */
    protected abstract T doPageRead();

    /** Whether another page can be read, answered from what earlier pages said (no I/O). */
    protected abstract boolean hasMorePages();

    /** Called once when the source has no more pages. */
    protected void onComplete() {
    }

    @Override
    public final boolean hasNext() {
        if (failed) {
            return false;
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
        try {
            return doPageRead();
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public final Iterator<T> iterator() {
        return this;
    }
}
