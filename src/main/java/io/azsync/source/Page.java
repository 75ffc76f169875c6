package io.azsync.source;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of records as an API returned it; one page is one exchange. {@code resumeToken} says
 * where the source continues after this page (null after the last one): the sink stores it with
 * the page, so a run killed mid-stream resumes there.
 */
public record Page(int number, List<JsonNode> records, String resumeToken) {

    public Page(int number, List<JsonNode> records) {
        this(number, records, null);
    }
}
