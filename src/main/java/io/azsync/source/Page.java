package io.azsync.source;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One page of records as an API returned it; one page is one exchange. */
public record Page(int number, List<JsonNode> records) {
}
