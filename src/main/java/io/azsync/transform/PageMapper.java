package io.azsync.transform;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.source.Page;

/**
 * Maps a page of source records to a {@link MappedPage}. A record marked {@code @removed} becomes
 * a {@link Removal}; with {@code each}, every element of the named array becomes a row (an element
 * marked {@code @removed} a removal of that row, a removed parent a removal of all its rows). A
 * record that does not fit the map becomes a {@link Rejection}. Pure: no I/O.
 */
public final class PageMapper {

    private final RecordMapper mapper;
    private final TransformMap map;

    public PageMapper(TransformMap map) {
        this.map = map;
        this.mapper = new RecordMapper(map);
    }

    public TransformMap map() {
        return map;
    }

    public MappedPage mapPage(Page page) {
        List<MappedRow> rows = new ArrayList<>(page.records().size());
        List<Rejection> rejections = new ArrayList<>();
        List<Removal> removals = new ArrayList<>();
        for (JsonNode record : page.records()) {
            try {
                if (map.each() == null) {
                    if (removed(record)) {
                        removals.add(mapper.removal(record, null, false));
                    } else {
                        rows.add(mapper.map(record));
                    }
                } else if (removed(record)) {
                    removals.add(mapper.removal(record, record, true));
                } else {
                    for (JsonNode element : map.each().evaluate(record)) {
                        for (JsonNode item : element.isArray() ? element : List.of(element)) {
                            if (removed(item)) {
                                removals.add(mapper.removal(item, record, false));
                            } else {
                                rows.add(mapper.map(item, record));
                            }
                        }
                    }
                }
            } catch (MappingException e) {
                rejections.add(new Rejection(e.getMessage(), record == null ? null : record.toString()));
            }
        }
        return new MappedPage(map, page.number(), page.records().size(), rows, rejections, removals, page.resumeToken());
    }

    static boolean removed(JsonNode record) {
        return record != null && record.has("@removed");
    }
}
