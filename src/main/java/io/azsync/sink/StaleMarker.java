package io.azsync.sink;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.azsync.core.Page;
import io.azsync.core.Position;
import io.azsync.core.PresenceCheck;
import io.azsync.core.RunIdentity;
import io.azsync.core.StreamProgress;
import io.azsync.transform.TransformMap;

/**
 * After a stream was read to its end and every page loaded, marks the rows of its scope that the
 * run did not see as deleted ({@code deleted_at}). It refuses to run for a stream whose source
 * did not complete, so a failed or partial stream can never delete anything. The scope is the
 * connector, and the explicit subscription list when the map has a scope column.
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
            // an incremental (delta) run sees only changes: deletions arrive as @removed records
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
        if (presence != null && writer != null) {
            confirm(run, maps, markable, presence, writer);
            if (run.deletionsBlockedReason() != null) {
                // a record the source returned again was rejected without a readable key: it could be any row
                return 0;
            }
        }
        int marked = 0;
        for (TransformMap map : markable) {
            marked += mark(run, map);
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

    private int mark(StreamProgress run, TransformMap map) {
        RunIdentity id = run.identity();
        List<String> scope = scopeOf(run, map);
        if (scope == null) {
            return 0;
        }
        Dialect dialect = database.dialect();
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            run.guard().check(c);
            int total = 0;
            int from = 0;
            do {
                List<String> chunk = scope.subList(from, Math.min(scope.size(), from + IN_LIST_CHUNK));
                List<Long> seenBy = id.seenBy();
                try (PreparedStatement ps = c.prepareStatement(dialect.markDeleted(map, chunk.size(), seenBy.size()))) {
                    dialect.bindInstant(ps, 1, now);
                    ps.setString(2, id.connector());
                    int p = 3;
                    for (Long seen : seenBy) {
                        ps.setLong(p++, seen);
                    }
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(p + i, chunk.get(i));
                    }
                    total += ps.executeUpdate();
                }
                from += IN_LIST_CHUNK;
            } while (from < scope.size());
            return total;
        });
    }

    /**
     * Asks the source for the rows of the scope this run did not see and refreshes those it still
     * returns, in every table of the stream. The rows are named by each map's source id column (the
     * one read from {@code id}, or {@code ^.id} in a map with {@code each}); a map without one is not
     * confirmed.
     */
    private void confirm(StreamProgress run, List<TransformMap> maps, List<TransformMap> markable, PresenceCheck presence,
                         PageWriter writer) {
        java.util.Map<TransformMap, List<String>> notSeenByMap = new java.util.LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (TransformMap map : markable) {
            String idColumn = sourceIdColumn(map);
            List<String> scope = scopeOf(run, map);
            if (idColumn == null) {
                LOG.debug("Stream {}: map {} has no column read from id; rows not seen are marked without confirmation",
                        run.identity().stream(), map.name());
            } else if (scope != null) {
                List<String> values = notSeen(run, map, idColumn, scope);
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
            List<com.fasterxml.jackson.databind.JsonNode> records = presence.find(candidates.subList(from,
                    Math.min(candidates.size(), from + CONFIRM_CHUNK)));
            if (!records.isEmpty()) {
                for (com.fasterxml.jackson.databind.JsonNode r : records) {
                    String id = r.path("id").asText().toLowerCase(java.util.Locale.ROOT);
                    found.add(id);
                    for (TransformMap map : notSeenByMap.keySet()) {
                        if (map.each() != null && withoutChildren(map, r)) {
                            foundWithoutChildren.computeIfAbsent(map, m -> new java.util.HashSet<>()).add(id);
                        }
                    }
                }
                Page page = new Page(0, records, Position.LAST);
                writer.write(run, mappers.stream().map(m -> m.mapPage(page)).toList());
            }
        }
        // a record found again that carries its children (an NSG with its rules) was mapped above: its rows are the truth,
        // and a child it no longer has is marked. One found without them (a group: only a delta read returns members)
        // says nothing about its children, so their rows are kept as they were: not seen is not gone
        foundWithoutChildren.forEach((map, ids2) -> keep(run, map, sourceIdColumn(map), notSeenByMap.get(map).stream()
                .filter(v -> ids2.contains(v.toLowerCase(java.util.Locale.ROOT))).toList()));
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

    /** Records the rows of these source ids as seen by the run. */
    private void keep(StreamProgress run, TransformMap map, String idColumn, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        Dialect dialect = database.dialect();
        Instant now = clock.instant();
        database.inTransaction(c -> {
            run.guard().check(c);
            try (PreparedStatement ps = c.prepareStatement(dialect.touchWhere(map, List.of(idColumn)))) {
                for (String value : values) {
                    dialect.bindInstant(ps, 1, now);
                    ps.setLong(2, run.identity().runId());
                    ps.setString(3, run.identity().connector());
                    ps.setString(4, value);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The column holding the source record's id: read from {@code id} (or {@code ^.id} under {@code each}). */
    static String sourceIdColumn(TransformMap map) {
        String wanted = map.each() == null ? "id" : "^.id";
        for (io.azsync.transform.ColumnSpec column : map.columns()) {
            if (!column.paths().isEmpty() && column.paths().get(0).toString().equals(wanted)) {
                return column.name();
            }
        }
        return null;
    }

    /** Distinct source ids of the live rows of the scope this run (and the runs it resumes) did not see. */
    private List<String> notSeen(StreamProgress run, TransformMap map, String idColumn, List<String> scope) {
        RunIdentity id = run.identity();
        List<Long> seenBy = id.seenBy();
        return database.inTransaction(c -> {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            int from = 0;
            do {
                List<String> chunk = scope.subList(Math.min(from, scope.size()), Math.min(scope.size(), from + IN_LIST_CHUNK));
                String sql = "SELECT DISTINCT " + idColumn + " FROM " + map.table() + " WHERE connector = ? AND deleted_at IS NULL "
                        + "AND last_run_id NOT IN (" + String.join(", ", java.util.Collections.nCopies(seenBy.size(), "?")) + ")"
                        + (chunk.isEmpty() ? "" : " AND " + map.scopeColumn() + " IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                        + " AND " + idColumn + " IS NOT NULL";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int p = 1;
                    ps.setString(p++, id.connector());
                    for (Long seen : seenBy) {
                        ps.setLong(p++, seen);
                    }
                    for (String value : chunk) {
                        ps.setString(p++, value);
                    }
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                from += IN_LIST_CHUNK;
            } while (from < scope.size());
            return List.copyOf(out);
        });
    }
}
