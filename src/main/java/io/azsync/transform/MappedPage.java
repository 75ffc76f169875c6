package io.azsync.transform;

import java.util.List;

import io.azsync.core.Position;

/**
 * One source page after mapping: the rows to load, the keys of records the source sent as they were
 * stored (not mapped again), the rows the source reports as removed, and the records rejected, with
 * the map that made them and the source's position after the page.
 */
public record MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections,
                         List<Removal> removals, Position position, List<String> unchangedKeys) {

    public MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections,
                      List<Removal> removals, Position position) {
        this(map, pageNumber, recordsRead, rows, rejections, removals, position, List.of());
    }

    public MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections) {
        this(map, pageNumber, recordsRead, rows, rejections, List.of(), Position.MORE);
    }
}
