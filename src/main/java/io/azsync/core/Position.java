package io.azsync.core;

/**
 * Where a source stands after a page: what it needs to continue ({@code resumeToken}, stored with
 * the page so a run cut off resumes after what was committed; null after the last page), whether
 * the page was the {@code last} one, whether the source reads only changes ({@code incremental}),
 * the delta link the next run starts from ({@code nextDelta}, on the last page of a delta source),
 * and why part of the scope was not read ({@code partialReason}, or null).
 */
public record Position(String resumeToken, boolean last, boolean incremental, DeltaState nextDelta, String partialReason) {

    /** More pages follow; nothing to resume from. */
    public static final Position MORE = new Position(null, false, false, null, null);

    /** The last page of a full read. */
    public static final Position LAST = new Position(null, true, false, null, null);
}
