package io.azsync.core;

import java.util.List;

/**
 * Which run a row is written by: the ledger id, the connector and stream, and the earlier runs whose
 * rows count as seen by this one (the interrupted runs it resumes).
 */
public record RunIdentity(long runId, String connector, String stream, List<Long> earlierRunIds) {

    public RunIdentity {
        earlierRunIds = List.copyOf(earlierRunIds);
    }

    /** This run and the runs it resumes: rows stamped by any of them were seen. */
    public List<Long> seenBy() {
        List<Long> ids = new java.util.ArrayList<>(earlierRunIds);
        ids.add(runId);
        return List.copyOf(ids);
    }
}
