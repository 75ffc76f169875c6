package io.azsync.transform;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.core.Page;

/**
 * Maps a page of source records to a {@link MappedPage}. A record marked {@code @removed} becomes
 * a {@link Removal}; with {@code each}, every element of the named array becomes a row (an element
 * marked {@code @removed} a removal of that row, a removed parent a removal of all its rows). A
 * record that does not fit the map becomes a {@link Rejection}. Pure: no I/O.
 */
public final class PageMapper {

    private final RecordMapper mapper;
    private final TransformMap map;

    private final boolean readsParent;

    public PageMapper(TransformMap map) {
        this.map = map;
        this.mapper = new RecordMapper(map);
        this.readsParent = map.columns().stream().anyMatch(c -> !c.paths().isEmpty() && c.paths().stream().allMatch(SourcePath::parent));
    }

    public TransformMap map() {
        return map;
    }

    public MappedPage mapPage(Page page) {
        // rows and removals in response order: a key added and removed within one page ends as its last event says
        List<Object> events = new ArrayList<>(page.records().size());
        List<Rejection> rejections = new ArrayList<>();
        for (JsonNode record : page.records()) {
            if (map.each() == null) {
                try {
                    if (removed(record)) {
                        events.add(mapper.removal(record, null, false));
                    } else {
                        events.add(mapper.map(record));
                    }
                } catch (MappingException e) {
                    rejections.add(reject(e, record, record, null));
                }
                continue;
            }
            List<JsonNode> elements;
            try {
                if (removed(record)) {
                    events.add(mapper.removal(record, record, true));
                    continue;
                }
                if (readsParent && mapper.parentKey(record) == null) {
                    throw new MappingException("the record holding the " + map.each() + " array has no value for any column read "
                            + "from it (^.): its rows cannot be told apart from other records' rows");
                }
                elements = map.each().arrayElements(record);
            } catch (MappingException e) {
                rejections.add(new Rejection(e.getMessage(), text(record), mapper.parentKey(record)));
                continue;
            }
            for (JsonNode item : elements) {
                try {
                    if (removed(item)) {
                        events.add(mapper.removal(item, record, false));
                    } else {
                        events.add(mapper.map(item, record));
                    }
                } catch (MappingException e) {
                    rejections.add(reject(e, record, item, record));
                }
            }
        }
        List<MappedRow> rows = new ArrayList<>(events.size());
        List<Removal> removals = new ArrayList<>();
        resolve(events, rows, removals);
        return new MappedPage(map, page.number(), page.records().size(), rows, rejections, removals, page.position());
    }

    /**
     * The last event of each key wins: a row after a removal of its key revives it, a removal after
     * a row of its key removes it. Removals of part of a key (a parent's rows) are kept as they are.
     */
    private void resolve(List<Object> events, List<MappedRow> rows, List<Removal> removals) {
        java.util.Map<String, Object> last = new java.util.LinkedHashMap<>();
        int partial = 0;
        for (Object event : events) {
            if (event instanceof MappedRow row) {
                last.remove(row.key());
                last.put(row.key(), row);
            } else if (event instanceof Removal removal && removal.key().size() == map.keyColumns().size()) {
                String key = MappedRow.joinKey(new ArrayList<>(removal.key().values()));
                last.remove(key);
                last.put(key, removal);
            } else {
                // a removal of part of a key (a parent's rows) stays where it came
                last.put("\u0000partial\u0000" + partial++, event);
            }
        }
        for (Object event : last.values()) {
            if (event instanceof MappedRow row) {
                rows.add(row);
            } else {
                removals.add((Removal) event);
            }
        }
    }

    /** A rejection with the raw source record and the key it still tells (see {@link RecordMapper#seenKey}). */
    private Rejection reject(MappingException e, JsonNode raw, JsonNode record, JsonNode parent) {
        String reason = record != raw ? "element of " + map.each() + ": " + e.getMessage() : e.getMessage();
        return new Rejection(reason, text(raw), mapper.seenKey(record, parent));
    }

    private static String text(JsonNode record) {
        return record == null ? null : record.toString();
    }

    static boolean removed(JsonNode record) {
        return record != null && record.has("@removed");
    }
}
