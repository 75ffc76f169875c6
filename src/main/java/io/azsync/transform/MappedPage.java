package io.azsync.transform;

import java.util.List;

import io.azsync.core.Position;

/**
 * One source page after mapping: the rows to load, the records the source sent as they were stored
 * (not mapped again: by key, or when they were not even keyed by their row hash, as
 * {@link io.azsync.core.SeenKeys#rowHashValue} keeps it), the rows the source
 * reports as removed, and the records rejected, with the map that made them and the source's
 * position after the page. {@code stored}, when the page was compared with the table's row hashes
 * read at the run's start, is told what the sink writes (null otherwise).
 */
public record MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections,
                         List<Removal> removals, Position position, List<String> unchangedKeys, long[] unchangedHashes,
                         StoredHashes stored) {

    public MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections,
                      List<Removal> removals, Position position) {
        this(map, pageNumber, recordsRead, rows, rejections, removals, position, List.of(), new long[0], null);
    }

    public MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections) {
        this(map, pageNumber, recordsRead, rows, rejections, List.of(), Position.MORE);
    }

    /** Records the source sent as they were stored, by key or by row hash. */
    public int unchangedCount() {
        return unchangedKeys.size() + unchangedHashes.length;
    }
}
