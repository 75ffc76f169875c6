package io.azsync.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.azsync.core.PageResult;
import io.azsync.core.RunIdentity;
import io.azsync.core.RejectedRecord;
import io.azsync.core.StreamProgress;
import io.azsync.transform.ColumnSpec;
import io.azsync.transform.MappedPage;
import io.azsync.transform.MappedRow;
import io.azsync.transform.Rejection;
import io.azsync.transform.Removal;
import io.azsync.transform.TransformMap;

/**
 * Loads one mapped page in one transaction: a batch upsert that writes only new, changed or
 * returning rows (an unchanged row gets no write at all), the page's rejected records, and the
 * hashes of the keys the page showed (through the run, for deletion detection). Duplicate keys
 * within the page are collapsed, the last one winning.
 */
public final class PageWriter {

    private final Database database;
    private final Clock clock;

    public PageWriter(Database database) {
        this(database, Clock.systemUTC());
    }

    PageWriter(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Loads the page in one transaction with its checkpoint, then reports it to the run. */
    public void write(StreamProgress progress, MappedPage page) {
        write(progress, List.of(page));
    }

    /**
     * Loads one source page mapped by each of the stream's maps (a table each) in one transaction
     * with its checkpoint, then reports it to the run once: a run resumed after it finds every
     * table of the page loaded, or none.
     */
    public void write(StreamProgress progress, List<MappedPage> pages) {
        RunIdentity run = progress.identity();
        MappedPage first = pages.get(0);
        Instant now = clock.instant();
        // before the page's transaction: the checkpoint it writes carries the block to a run that resumes this one
        pages.stream().flatMap(p -> p.rejections().stream()).filter(r -> r.seenKey() == null).findFirst()
                .ifPresent(r -> progress.unkeyedRejection("a record was rejected without a readable key (" + r.reason()
                        + "), so this run cannot tell which row it was: nothing was marked deleted; see rejected_records where run_id = "
                        + run.runId()));
        int[] written = database.inTransaction(c -> {
            progress.guard().check(c);
            int[] total = new int[3];
            for (MappedPage page : pages) {
                int[] one = load(c, progress, page, run, now, pages.size() > 1);
                for (int i = 0; i < 3; i++) {
                    total[i] += one[i];
                }
            }
            progress.checkpoint(c, first.position().resumeToken());
            return total;
        });
        // a source record rejected by two of the stream's maps is one record rejected
        int rejected = pages.size() == 1 ? first.rejections().size() : (int) pages.stream().flatMap(p -> p.rejections().stream())
                .map(r -> java.util.Objects.requireNonNullElse(r.rawPayload(), r.reason())).distinct().count();
        progress.pageLoaded(new PageResult(first.recordsRead(), written[0], written[1], rejected, written[2], first.position()));
    }

    /**
     * One map's rows of the page: changed, unchanged and removed counts. With several maps, a
     * rejection's reason starts with the table it was meant for.
     */
    private int[] load(Connection c, StreamProgress progress, MappedPage page, RunIdentity run, Instant now, boolean nameTable) throws SQLException {
        TransformMap map = page.map();
        Dialect dialect = database.dialect();
        Map<String, MappedRow> unique = new LinkedHashMap<>();
        for (MappedRow row : page.rows()) {
            unique.remove(row.key());
            unique.put(row.key(), row);
        }
        List<MappedRow> rows = new ArrayList<>(unique.values());
        int changed = 0;
        // records the mapping step already found stored as they came: not mapped, not written, but seen
        int unchanged = page.unchangedCount();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>(unique.keySet());
        seen.addAll(page.unchangedKeys());
        if (!rows.isEmpty()) {
            // rows whose stored hash is the same are not written: their values are not even sent. A page compared with the
            // row hashes read at the run's start holds only rows that were not stored so (new, changed, or written earlier
            // in this run): it is not asked again, and the upsert's own hash comparison leaves a row written earlier as it is
            java.util.Set<String> same = page.stored() != null ? java.util.Set.of() : unchangedKeys(c, dialect, map, rows, run.connector());
            List<MappedRow> candidates = rows.stream().filter(r -> !same.contains(r.key())).toList();
            unchanged += same.size();
            // a row not written after all: its stored hash matched (written meanwhile)
            int written = candidates.isEmpty() ? 0 : dialect.load(c, map, candidates, run.connector(), now, run.runId());
            changed += written;
            unchanged += candidates.size() - written;
        }
        String prefix = nameTable ? map.table() + ": " : "";
        if (!page.rejections().isEmpty()) {
            progress.rejected(c, page.rejections().stream().map(r -> new RejectedRecord(prefix + r.reason(), r.rawPayload())).toList());
        }
        recordSeen(c, progress, map, seen, page.unchangedHashes(), page.rejections());
        int removed = remove(c, dialect, map, page.removals(), seen, run, now);
        if (page.stored() != null) {
            // what the run wrote or removed is no longer what the hashes were read from
            page.stored().wrote(unique.keySet());
            page.removals().stream().filter(r -> r.key().size() == map.keyColumns().size())
                    .forEach(r -> page.stored().wrote(List.of(MappedRow.joinKey(new ArrayList<>(r.key().values())))));
        }
        return new int[] {changed, unchanged, removed};
    }

    /** Marks rows the source reported as removed; a key that also came back as a row in this page stays. */
    private static int remove(Connection c, Dialect dialect, TransformMap map, List<Removal> removals, java.util.Set<String> rowKeys,
                              RunIdentity run, Instant now) throws SQLException {
        int total = 0;
        Map<List<String>, List<Removal>> byColumns = new LinkedHashMap<>();
        for (Removal r : removals) {
            List<Object> parts = new ArrayList<>(r.key().values());
            if (r.key().size() == map.keyColumns().size() && rowKeys.contains(MappedRow.joinKey(parts))) {
                continue;
            }
            byColumns.computeIfAbsent(List.copyOf(r.key().keySet()), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<List<String>, List<Removal>> group : byColumns.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement(dialect.markRemoved(map, group.getKey()))) {
                for (Removal r : group.getValue()) {
                    dialect.bindInstant(ps, 1, now);
                    ps.setString(2, run.connector());
                    int i = 3;
                    for (String column : group.getKey()) {
                        dialect.bind(ps, i++, map.column(column).type(), r.key().get(column));
                    }
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    total += Math.max(n, 0);
                }
            }
        }
        return total;
    }

    private static final int IN_CHUNK = 500;

    /** Keys of the page whose stored row has the same hash and is not marked deleted (one query per chunk). */
    static java.util.Set<String> unchangedKeys(Connection c, Dialect dialect, TransformMap map, List<MappedRow> rows, String connector)
            throws SQLException {
        java.util.Map<String, String> hashes = new java.util.HashMap<>();
        rows.forEach(r -> hashes.put(r.key(), r.hash()));
        java.util.Set<String> same = new java.util.HashSet<>();
        int keys = map.keyColumns().size();
        for (int from = 0; from < rows.size(); from += IN_CHUNK) {
            List<MappedRow> chunk = rows.subList(from, Math.min(rows.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(dialect.selectHashes(map, chunk.size()))) {
                bindKeys(ps, 1, dialect, map, chunk);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<Object> parts = new ArrayList<>(keys);
                        for (int k = 1; k <= keys; k++) {
                            parts.add(dialect.read(rs, k, map.column(map.keyColumns().get(k - 1)).type()));
                        }
                        String key = MappedRow.joinKey(parts);
                        String hash = rs.getString(keys + 1);
                        // a row another connector wrote is written again, so it becomes this connector's to mark deleted
                        if (rs.getObject(keys + 2) == null && hash != null && hash.equals(hashes.get(key))
                                && connector.equals(rs.getString(keys + 3))) {
                            same.add(key);
                        }
                    }
                }
            }
        }
        return same;
    }

    /** Binds the key columns of each row in turn, from parameter {@code first} on. */
    private static void bindKeys(PreparedStatement ps, int first, Dialect dialect, TransformMap map, List<MappedRow> rows)
            throws SQLException {
        int[] keyIndexes = map.keyColumns().stream().mapToInt(map::indexOf).toArray();
        int p = first;
        for (MappedRow row : rows) {
            for (int index : keyIndexes) {
                dialect.bind(ps, p++, map.columns().get(index).type(), row.value(index));
            }
        }
    }

    /**
     * The keys the page showed: every row's, written or not, and the key a rejected record still
     * tells (a rejected record is alive: its row, or in a map with {@code each} every row of its
     * parent, counts as seen and keeps its values).
     */
    private static void recordSeen(Connection c, StreamProgress progress, TransformMap map, java.util.Set<String> rowKeys,
                                   long[] rowHashes, List<Rejection> rejections) throws SQLException {
        if (!rowKeys.isEmpty()) {
            progress.seen(c, map.table(), map.keyColumns(), rowKeys.stream().mapToLong(io.azsync.core.SeenKeys::hash).toArray());
        }
        if (rowHashes.length > 0) {
            // records kept by their row hash alone: the stored row with that hash is the one seen
            progress.seen(c, map.table(), io.azsync.core.SeenKeys.ROW_HASH, rowHashes);
        }
        Map<List<String>, List<Long>> partial = new LinkedHashMap<>();
        for (Rejection r : rejections) {
            if (r.seenKey() != null) {
                partial.computeIfAbsent(List.copyOf(r.seenKey().keySet()), k -> new ArrayList<>())
                        .add(io.azsync.core.SeenKeys.hash(MappedRow.joinKey(new ArrayList<>(r.seenKey().values()))));
            }
        }
        for (Map.Entry<List<String>, List<Long>> e : partial.entrySet()) {
            progress.seen(c, map.table(), e.getKey(), e.getValue().stream().mapToLong(Long::longValue).toArray());
        }
    }
}
