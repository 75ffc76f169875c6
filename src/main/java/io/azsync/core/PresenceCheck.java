package io.azsync.core;

import java.util.List;

/**
 * Asks the source again, by id, for records a complete read did not return: the ones it returns
 * still exist (the read missed them, e.g. a paged result that shifted while it was read) and are
 * refreshed; only the others may be marked deleted. A source that can answer puts one on the
 * stream's exchange as property {@value #PROPERTY}.
 */
@FunctionalInterface
public interface PresenceCheck {

    String PROPERTY = "azsync.presence";

    /**
     * The records of those of {@code ids} that exist now, in the pages the source answered with, each
     * record as the stream's read returns it: with its source text where the read keeps one, so a
     * record found again is stored exactly as the read would have stored it (same row hash: an
     * unchanged record is not written).
     */
    List<Page> find(List<String> ids);
}
