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
        return mapPage(page, null);
    }

    /**
     * As above; with {@code stored} (the table's row hashes as the run first read them), a record of
     * a page that carries source texts whose hash a live row was stored with is that row as it came:
     * it is not mapped, not even keyed, and counts as seen by its row hash
     * ({@link MappedPage#unchangedHashes()}). Once the run has written rows of the table, such a
     * record is keyed first, and mapped in full when its key is one the run wrote.
     */
    public MappedPage mapPage(Page page, StoredHashes stored) {
        return mapPage(page, stored, false);
    }

    private MappedPage mapPage(Page page, StoredHashes stored, boolean keyEvery) {
        List<JsonNode> records = page.records();
        int n = records.size();
        // rows and removals in response order: a key added and removed within one page ends as its last event says
        List<Object> events = new ArrayList<>(n);
        List<Rejection> rejections = new ArrayList<>();
        JsonNode[] trees = null;
        Unchanged[] same = null;
        long[][] hashes = null;
        boolean keyless = false;
        if (map.each() == null && stored != null && !stored.isEmpty() && n > 0 && page.sourceHash(0) != null) {
            boolean keyed = keyEvery || stored.anyWritten();
            // the key alone, read from the source without its whole tree where the key's paths allow it
            java.util.Set<String> keyFields = keyed ? mapper.keyFields() : null;
            trees = new JsonNode[n];
            hashes = new long[n][];
            same = new Unchanged[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = page.sourceHash(i);
                long[] row = mapper.rowHash(hashes[i]);
                if (!stored.holds(row[0], row[1])) {
                    continue;
                }
                if (!keyed) {
                    same[i] = new Unchanged(null, row[0]);
                    keyless = true;
                    continue;
                }
                JsonNode keySource = keyFields != null ? page.fields(i, keyFields) : (trees[i] = records.get(i));
                try {
                    String key = mapper.keyRow(keySource, hashes[i]).key();
                    if (!stored.written(key)) {
                        same[i] = new Unchanged(key, row[0]);
                    }
                } catch (MappingException e) {
                    // mapped in full below, which rejects it with the reason
                }
            }
        }
        for (int i = 0; i < n && map.each() == null; i++) {
            if (same != null && same[i] != null) {
                events.add(same[i]);
                continue;
            }
            JsonNode record = trees != null && trees[i] != null ? trees[i] : records.get(i);
            try {
                if (removed(record)) {
                    events.add(mapper.removal(record, null, false));
                } else {
                    long[] hash = hashes != null ? hashes[i] : page.sourceHash(i);
                    events.add(mapper.map(record, null, hash == null ? null : page.text(i), hash));
                }
            } catch (MappingException e) {
                rejections.add(reject(e, record, record, null));
            }
        }
        for (JsonNode record : map.each() == null ? List.<JsonNode>of() : records) {
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
                rejections.add(new Rejection(e.getMessage(), text(record), mapper.parentIdentity(record)));
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
        List<String> unchangedKeys = new ArrayList<>();
        long[] unchangedHashes = resolve(events, rows, removals, unchangedKeys);
        if (keyless && (!removals.isEmpty() || !rows.isEmpty())) {
            // a removal or a mapped row may share its key with a record kept by its hash alone (a page that holds a key
            // twice): keyed, the last event of each key wins. A page with nothing but stored records needs no keys
            return mapPage(page, stored, true);
        }
        return new MappedPage(map, page.number(), n, rows, rejections, removals, page.position(), unchangedKeys, unchangedHashes,
                stored);
    }

    /**
     * A record the sink holds as it came: seen (by its key, or when it was not keyed by its row hash,
     * the first half as {@link io.azsync.core.SeenKeys#rowHashValue} keeps it), not mapped.
     */
    private record Unchanged(String key, long rowHash) {
    }

    /**
     * The last event of each key wins: a row after a removal of its key revives it, a removal after
     * a row of its key removes it. Removals of part of a key (a parent's rows) are kept as they are;
     * records kept by their row hash alone are listed once each.
     */
    private long[] resolve(List<Object> events, List<MappedRow> rows, List<Removal> removals, List<String> unchangedKeys) {
        java.util.Map<String, Object> last = new java.util.LinkedHashMap<>();
        long[] byHash = new long[events.size()];
        int hashes = 0;
        int partial = 0;
        for (Object event : events) {
            if (event instanceof Unchanged same && same.key() == null) {
                byHash[hashes++] = same.rowHash();
            } else if (event instanceof MappedRow row) {
                last.remove(row.key());
                last.put(row.key(), row);
            } else if (event instanceof Unchanged same) {
                last.remove(same.key());
                last.put(same.key(), same);
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
            } else if (event instanceof Unchanged same) {
                unchangedKeys.add(same.key());
            } else {
                removals.add((Removal) event);
            }
        }
        // each once (a page that repeats a record counts it once)
        return java.util.Arrays.stream(byHash, 0, hashes).sorted().distinct().toArray();
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
