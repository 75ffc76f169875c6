package io.azsync.source;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy sequence of pages behind one hook, {@link #doPageRead()}: the next page is fetched only
 * when the current one has been used (the streaming splitter asks for it). When the source says
 * there is nothing more, {@link #onComplete()} runs once, so that the run knows the stream was
 * read to its end; an exception from a page read propagates and the run is not complete.
 */
public abstract class PagedReader<T> implements Iterator<T>, Iterable<T> {

    private T next;
    private boolean done;

    /** Reads the next page, or returns null when the source has no more. */
    protected abstract T doPageRead();

    /** Called once after the last page was read. */
    protected void onComplete() {
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = doPageRead();
            if (next == null) {
                done = true;
                onComplete();
            }
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T page = next;
        next = null;
        return page;
    }

    @Override
    public final Iterator<T> iterator() {
        return this;
    }
}
