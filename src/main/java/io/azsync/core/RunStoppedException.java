package io.azsync.core;

/** A run ended at a page boundary because azsync is stopping; the pages loaded so far stay, and the next run resumes after them. */
public final class RunStoppedException extends RuntimeException {
    public RunStoppedException(String reason) {
        super(reason, null, false, false);
    }
}
