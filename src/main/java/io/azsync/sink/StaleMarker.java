package io.azsync.sink;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.azsync.core.Page;
import io.azsync.core.Position;
import io.azsync.core.PresenceCheck;
import io.azsync.core.RunIdentity;
import io.azsync.core.SeenKeys;
import io.azsync.core.StreamProgress;
import io.azsync.transform.TransformMap;

/**
 * After a stream was read to its end and every page loaded, marks the rows of its scope that the
 * run did not see as deleted ({@code deleted_at}). What the run saw is the set of key hashes its
 * pages kept ({@link SeenKeys}), not a write per row: the live rows of the scope are read once and
 * compared with it. It refuses to run for a stream whose source did not complete, so a failed or
 * partial stream can never delete anything. The scope is the connector, and the explicit
 * subscription list when the map has a scope column. A table whose live rows were all confirmed
 * gets a sighting ({@code table_sightings}): the time its unchanged rows were last seen.
 */
public final class StaleMarker {

    private static final int IN_LIST_CHUNK = 500;

    /** Rows asked for again at a time: a batch of the source's confirmation queries. */
    private static final int CONFIRM_CHUNK = 500;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StaleMarker.class);

    private final Database database;
    private final Clock clock;

    public StaleMarker(Database database) {
        this(database, Clock.systemUTC());
    }

    StaleMarker(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public int markDeleted(StreamProgress run, TransformMap map) {
        return markDeleted(run, map, null, null);
    }

    /**
     * As above; with a {@link PresenceCheck}, the rows not seen are first asked for again by id: the
     * ones the source still returns are refreshed through {@code writer} (so they count as seen),
     * and only the others are marked.
     */
    public int markDeleted(StreamProgress run, TransformMap map, PresenceCheck presence, PageWriter writer) {
        return markDeleted(run, List.of(map), presence, writer);
    }

    /**
     * As above for a stream whose read fills several tables (a map each, the stream's own first):
     * the ids not seen in any of them are confirmed together, a record still there refreshed in
     * every table, then each table's rows not seen are marked.
     */
    public int markDeleted(StreamProgress run, List<TransformMap> maps, PresenceCheck presence, PageWriter writer) {
        RunIdentity id = run.identity();
        if (run.isIncremental()) {
            // an incremental (delta) run sees only changes: deletions arrive as @removed records, so once it
            // is complete every row still live is known to exist
            if (run.isComplete() && run.deletionsBlockedReason() == null && run.partialReason() == null) {
                database.inTransaction(c -> {
                    run.guard().check(c);
                    for (TransformMap map : maps) {
                        run.sighted(c, map.table(), List.of());
                    }
                    return null;
                });
            }
            return 0;
        }
        if (!run.isComplete()) {
            throw new IllegalStateException("stream " + id.stream() + " was not read and loaded to its end: nothing is marked deleted");
        }
        if (run.deletionsBlockedReason() != null) {
            // a record was rejected without a readable key: any row might be the one it stands for
            return 0;
        }
        // part of the scope was not read: only a table that can tell which rows belong to it is marked
        List<TransformMap> markable = maps.stream().filter(m -> run.partialReason() == null || m.scopeColumn() != null).toList();
        if (markable.isEmpty()) {
            return 0;
        }
        // the live rows each table's confirmation read as not seen: when the source returned none of them, they are the rows
        // to mark, and the table is not read a second time
        java.util.Map<TransformMap, List<LiveRow>> unseenByMap = new java.util.HashMap<>();
        if (presence != null && writer != null) {
            confirm(run, maps, markable, presence, writer, unseenByMap);
            if (run.deletionsBlockedReason() != null) {
                // a record the source returned again was rejected without a readable key: it could be any row
                return 0;
            }
        }
        int marked = 0;
        for (TransformMap map : markable) {
            marked += mark(run, map, unseenByMap.get(map));
        }
        run.markedDeleted(marked);
        return marked;
    }

    /** The subscriptions a table's rows are limited to (empty: the whole connector), or null when nothing may be marked. */
    private static List<String> scopeOf(StreamProgress run, TransformMap map) {
        boolean scoped = map.scopeColumn() != null && run.scope() != null && run.scope().isExplicit();
        List<String> scope = scoped ? run.scope().subscriptionIds() : List.of();
        // a narrowed scope with no readable subscription: an empty list must not mean "the whole table"
        return scoped && scope.isEmpty() ? null : scope;
    }

    /**
     * Marks the live rows of the scope the run did not see ({@code known}: as read already, or null
     * to read them), and records the table's sighting, in one transaction.
     */
    private int mark(StreamProgress run, TransformMap map, List<LiveRow> known) {
        RunIdentity id = run.identity();
        List<String> scope = scopeOf(run, map);
        if (scope == null) {
            return 0;
        }
        List<LiveRow> unseen = known != null ? known : unseen(run, map, null, scope);
        // a row not seen now was last seen when every live row of its table was last confirmed (if after its last write)
        java.util.Map<String, Instant> sightings = run.sightings(map.table());
        java.util.Map<Instant, List<LiveRow>> byLastSeen = new java.util.LinkedHashMap<>();
        for (LiveRow row : unseen) {
            Instant whole = sightings.get("*");
            Instant own = row.scopeValue() == null ? null : sightings.get(row.scopeValue());
            Instant last = whole == null ? own : own == null ? whole : own.isAfter(whole) ? own : whole;
            byLastSeen.computeIfAbsent(last == null ? Instant.EPOCH : last, k -> new java.util.ArrayList<>()).add(row);
        }
        Dialect dialect = database.dialect();
        Instant now = clock.instant();
        int keyColumns = map.keyColumns().size();
        return database.inTransaction(c -> {
            run.guard().check(c);
            int total = 0;
            for (java.util.Map.Entry<Instant, List<LiveRow>> group : byLastSeen.entrySet()) {
                List<LiveRow> rows = group.getValue();
                for (int from = 0; from < rows.size(); from += IN_LIST_CHUNK) {
                    List<LiveRow> chunk = rows.subList(from, Math.min(rows.size(), from + IN_LIST_CHUNK));
                    try (PreparedStatement ps = c.prepareStatement(dialect.markKeysDeleted(map, chunk.size()))) {
                        dialect.bindInstant(ps, 1, now);
                        dialect.bindInstant(ps, 2, group.getKey());
                        dialect.bindInstant(ps, 3, group.getKey());
                        ps.setString(4, id.connector());
                        int p = 5;
                        for (LiveRow row : chunk) {
                            for (int k = 0; k < keyColumns; k++) {
                                dialect.bind(ps, p++, map.column(map.keyColumns().get(k)).type(), row.key().get(k));
                            }
                        }
                        total += ps.executeUpdate();
                    }
                }
            }
            run.sighted(c, map.table(), scope);
            return total;
        });
    }

    /** A live row of the scope: its key values, its source id (or null when not asked for) and its scope column's value. */
    private record LiveRow(List<Object> key, String sourceId, String scopeValue) {
    }

    /**
     * The live rows of the connector in the scope (empty: all of the connector's) that neither this
     * run nor the runs it resumes saw, compared with the kept hashes: by the row hash of records
     * found stored as they came, by the full key and by every part of a key a rejected record named.
     * When records were kept by row hash, the row hashes alone are read first: if they account for
     * every live row (a re-sync that changed nothing), the keys are never read.
     */
    private List<LiveRow> unseen(StreamProgress run, TransformMap map, String idColumn, List<String> scope) {
        SeenKeys seen = run.seenKeys(map.table());
        List<String> keyColumns = map.keyColumns();
        boolean byRowHash = seen.columnSets().contains(SeenKeys.ROW_HASH);
        if (byRowHash && allSeenByRowHash(run, map, scope, seen)) {
            return List.of();
        }
        List<List<String>> partials = seen.columnSets().stream().filter(cols -> !cols.equals(keyColumns) && !cols.equals(SeenKeys.ROW_HASH))
                .toList();
        List<String> read = new java.util.ArrayList<>(keyColumns);
        partials.forEach(cols -> cols.stream().filter(col -> !read.contains(col)).forEach(read::add));
        for (String extra : java.util.Arrays.asList(idColumn, map.scopeColumn(), byRowHash ? "row_hash" : null)) {
            if (extra != null && !read.contains(extra)) {
                read.add(extra);
            }
        }
        List<LiveRow> out = new java.util.ArrayList<>();
        eachLiveRow(run, map, scope, read, rs -> {
            if (byRowHash && seen.containsRowHash(rs.getString(read.indexOf("row_hash") + 1))) {
                return;
            }
            if (seen.contains(keyColumns, joined(rs, map, read, keyColumns))) {
                return;
            }
            for (List<String> cols : partials) {
                if (seen.contains(cols, joined(rs, map, read, cols))) {
                    return;
                }
            }
            List<Object> key = new java.util.ArrayList<>(keyColumns.size());
            for (int k = 0; k < keyColumns.size(); k++) {
                key.add(database.dialect().read(rs, k + 1, map.column(keyColumns.get(k)).type()));
            }
            out.add(new LiveRow(key, idColumn == null ? null : rs.getString(read.indexOf(idColumn) + 1),
                    map.scopeColumn() == null ? null : rs.getString(read.indexOf(map.scopeColumn()) + 1)));
        });
        return out;
    }

    /** True when every live row of the scope has a row hash the run kept (one column read per row). */
    private boolean allSeenByRowHash(StreamProgress run, TransformMap map, List<String> scope, SeenKeys seen) {
        boolean[] all = {true};
        eachLiveRow(run, map, scope, List.of("row_hash"), rs -> all[0] &= seen.containsRowHash(rs.getString(1)));
        return all[0];
    }

    private interface RowAction {
        void accept(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** Reads {@code columns} of the connector's live rows in the scope (empty: all of them), in one read transaction. */
    private void eachLiveRow(StreamProgress run, TransformMap map, List<String> scope, List<String> columns, RowAction action) {
        database.inTransaction(c -> {
            int from = 0;
            do {
                List<String> chunk = scope.subList(Math.min(from, scope.size()), Math.min(scope.size(), from + IN_LIST_CHUNK));
                String sql = "SELECT " + String.join(", ", columns) + " FROM " + map.table() + " WHERE connector = ? AND deleted_at IS NULL"
                        + (chunk.isEmpty() ? "" : " AND " + map.scopeColumn() + " IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")");
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, run.identity().connector());
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(2 + i, chunk.get(i));
                    }
                    ps.setFetchSize(1000);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            action.accept(rs);
                        }
                    }
                }
                from += IN_LIST_CHUNK;
            } while (from < scope.size());
            return null;
        });
    }

    /** The values of {@code columns} in the current result row, joined as a row's key is. */
    private String joined(java.sql.ResultSet rs, TransformMap map, List<String> read, List<String> columns) throws java.sql.SQLException {
        List<Object> parts = new java.util.ArrayList<>(columns.size());
        for (String column : columns) {
            parts.add(database.dialect().read(rs, read.indexOf(column) + 1, map.column(column).type()));
        }
        return io.azsync.transform.MappedRow.joinKey(parts);
    }

    /**
     * Asks the source for the rows of the scope this run did not see and refreshes those it still
     * returns, in every table of the stream. The rows are named by each map's source id column (the
     * one read from {@code id}, or {@code ^.id} in a map with {@code each}); a map without one is not
     * confirmed.
     */
    private void confirm(StreamProgress run, List<TransformMap> maps, List<TransformMap> markable, PresenceCheck presence,
                         PageWriter writer, java.util.Map<TransformMap, List<LiveRow>> unseenByMap) {
        java.util.Map<TransformMap, List<String>> notSeenByMap = new java.util.LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (TransformMap map : markable) {
            String idColumn = sourceIdColumn(map);
            List<String> scope = scopeOf(run, map);
            if (idColumn == null) {
                LOG.warn("Stream {}: map {} has no column holding the source id (path {}, a string, no transform but lowercase or "
                        + "trim): the rows it did not see are marked deleted without being asked for again; add such a column "
                        + "(e.g. source_id: { path: id, transform: lowercase }) to have them confirmed", run.identity().stream(),
                        map.name(), map.each() == null ? "id" : "^.id");
            } else if (scope != null) {
                List<LiveRow> unseen = unseen(run, map, idColumn, scope);
                unseenByMap.put(map, unseen);
                List<String> values = sourceIds(unseen);
                notSeenByMap.put(map, values);
                ids.addAll(values);
            }
        }
        List<String> candidates = List.copyOf(ids);
        if (candidates.isEmpty()) {
            return;
        }
        List<io.azsync.transform.PageMapper> mappers = maps.stream().map(io.azsync.transform.PageMapper::new).toList();
        java.util.Set<String> found = new java.util.HashSet<>();
        java.util.Map<TransformMap, java.util.Set<String>> foundWithoutChildren = new java.util.HashMap<>();
        for (int from = 0; from < candidates.size(); from += CONFIRM_CHUNK) {
            for (Page answer : presence.find(candidates.subList(from, Math.min(candidates.size(), from + CONFIRM_CHUNK)))) {
                List<com.fasterxml.jackson.databind.JsonNode> records = answer.records();
                if (records.isEmpty()) {
                    continue;
                }
                for (com.fasterxml.jackson.databind.JsonNode r : records) {
                    String id = r.path("id").asText().toLowerCase(java.util.Locale.ROOT);
                    found.add(id);
                    for (TransformMap map : notSeenByMap.keySet()) {
                        if (map.each() != null && withoutChildren(map, r)) {
                            foundWithoutChildren.computeIfAbsent(map, m -> new java.util.HashSet<>()).add(id);
                        }
                    }
                }
                // one last page of the answer's records, with their source texts where the source keeps them: stored as the read stores them
                Page page = new Page(0, records, Position.LAST);
                writer.write(run, mappers.stream().map(m -> m.mapPage(page)).toList());
            }
        }
        // a record found again that carries its children (an NSG with its rules) was mapped above: its rows are the truth,
        // and a child it no longer has is marked. One found without them (a group: only a delta read returns members)
        // says nothing about its children, so their rows are kept as they were: not seen is not gone
        foundWithoutChildren.forEach((map, ids2) -> keep(run, map, sourceIdColumn(map), notSeenByMap.get(map).stream()
                .filter(v -> ids2.contains(v.toLowerCase(java.util.Locale.ROOT))).toList()));
        if (!found.isEmpty()) {
            // the rows found were refreshed, so they are seen now: the tables are read again before marking
            unseenByMap.clear();
        }
        LOG.info("Stream {}: {} row(s) not seen by the read were asked for again; {} still exist(s) and {} refreshed, the rest is "
                + "marked deleted", run.identity().stream(), candidates.size(), found.size(), found.size() == 1 ? "was" : "were");
        run.confirmed(candidates.size(), found.size());
    }

    /** True when the record lacks the array the map reads its rows from (missing or null, not empty). */
    private static boolean withoutChildren(TransformMap map, com.fasterxml.jackson.databind.JsonNode record) {
        try {
            return map.each().evaluate(record).isEmpty();
        } catch (io.azsync.transform.MappingException e) {
            return false;
        }
    }

    /** Records the rows of these source ids as seen by the run (by the source id column, as a rejected record's parent is). */
    private void keep(StreamProgress run, TransformMap map, String idColumn, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        database.inTransaction(c -> {
            run.guard().check(c);
            run.seen(c, map.table(), List.of(idColumn), values.stream().mapToLong(SeenKeys::hash).toArray());
            return null;
        });
    }

    /**
     * The column holding the source record's id as the source sends it, up to case and blanks: read first from {@code id}
     * (or {@code ^.id} under {@code each}), a string column with no transform but {@code lowercase} or {@code trim}, no
     * pattern and no lookup. A column that derives something else from the id (its subscription, its name) names no record
     * when asked for again: it would confirm nothing, and every row not seen would be marked deleted.
     */
    static String sourceIdColumn(TransformMap map) {
        String wanted = map.each() == null ? "id" : "^.id";
        for (io.azsync.transform.ColumnSpec column : map.columns()) {
            if (!column.paths().isEmpty() && column.paths().get(0).toString().equals(wanted) && holdsTheId(column)) {
                return column.name();
            }
        }
        return null;
    }

    private static boolean holdsTheId(io.azsync.transform.ColumnSpec column) {
        return column.type() == io.azsync.transform.ColumnType.STRING && column.pattern() == null && column.lookup() == null
                && column.transforms().stream().allMatch(t -> t == io.azsync.transform.ValueTransform.LOWERCASE
                        || t == io.azsync.transform.ValueTransform.TRIM);
    }

    /** Distinct source ids of these rows. */
    private static List<String> sourceIds(List<LiveRow> unseen) {
        return List.copyOf(unseen.stream().map(LiveRow::sourceId).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
    }
}
