package io.azsync.core;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of records as an API returned it; one page is one exchange. Its {@link Position} says
 * where the source continues after it, whether it was the last one, and what a delta source learned
 * (incremental or full, the link the next run starts from): the pager returns it, the sink stores it
 * with the page, and the run records it once the page is committed.
 */
public record Page(int number, List<JsonNode> records, Position position) {

    public Page {
        records = List.copyOf(records);
        position = position == null ? Position.MORE : position;
    }

    /** A page with more to follow and no resume token (tests, single-page probes). */
    public Page(int number, List<JsonNode> records) {
        this(number, records, Position.MORE);
    }

    /** Where the source continues after this page (null after the last one). */
    public String resumeToken() {
        return position.resumeToken();
    }
}
