package io.azsync.transform;

import java.util.List;

/**
 * One source page after mapping: the rows to load, the rows the source reports as removed, and the
 * records rejected, with the map that made them.
 */
public record MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections,
                         List<Removal> removals, String resumeToken) {

    public MappedPage(TransformMap map, int pageNumber, int recordsRead, List<MappedRow> rows, List<Rejection> rejections) {
        this(map, pageNumber, recordsRead, rows, rejections, List.of(), null);
    }
}
