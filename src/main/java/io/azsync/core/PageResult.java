package io.azsync.core;

/**
 * What loading one page did, reported by the sink once the page's transaction committed: records
 * read, rows written (new or changed), rows unchanged, records rejected, rows marked deleted because
 * the source reported them removed, and the page's {@link Position}.
 */
public record PageResult(int recordsRead, int written, int unchanged, int rejected, int removed, Position position) {
}
