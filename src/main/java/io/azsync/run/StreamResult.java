package io.azsync.run;

import java.time.Duration;

/** How one stream's run ended, for the command line summary and the API. */
public record StreamResult(String stream, long runId, RunState state, long pages, long recordsRead, long recordsWritten,
                           long recordsUnchanged, long recordsRejected, long recordsDeleted, Duration elapsed, String error,
                           boolean incremental) {

    static StreamResult of(StreamRun run, RunState state, String error) {
        return new StreamResult(run.stream(), run.runId(), state, run.pages(), run.recordsRead(), run.recordsWritten(),
                run.recordsUnchanged(), run.recordsRejected(), run.recordsDeleted(), run.elapsed(), error, run.isIncremental());
    }

    public boolean succeeded() {
        return state == RunState.SUCCEEDED;
    }

    /** Loaded, but part of the scope could not be read (see {@link RunState#PARTIAL}). */
    public boolean partial() {
        return state == RunState.PARTIAL;
    }
}
