package io.azsync.core;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Asks the source again, by id, for records a complete read did not return: the ones it returns
 * still exist (the read missed them, e.g. a paged result that shifted while it was read) and are
 * refreshed; only the others may be marked deleted. A source that can answer puts one on the
 * stream's exchange as property {@value #PROPERTY}.
 */
@FunctionalInterface
public interface PresenceCheck {

    String PROPERTY = "azsync.presence";

    /** The source records, as the stream's read returns them, of those of {@code ids} that exist now. */
    List<JsonNode> find(List<String> ids);
}
