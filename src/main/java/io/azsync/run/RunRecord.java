package io.azsync.run;

import java.time.Instant;

/** One row of {@code sync_runs}, as {@code history} shows it. */
public record RunRecord(long runId, String connector, String stream, String trigger, String state, Instant startedAt,
                        Instant finishedAt, long pages, long recordsRead, long recordsWritten, long recordsUnchanged,
                        long recordsRejected, long recordsDeleted, String error) {
}
