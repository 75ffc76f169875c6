package io.azsync.testing;

import java.time.Duration;
import java.util.List;

/**
 * Counts the tuples written to azsync's entity tables (the tables with a {@code row_hash}) by
 * another process. PostgreSQL: {@code n_tup_ins + n_tup_upd + n_tup_del} of {@code
 * pg_stat_user_tables}, read until it holds still (a server process reports its counts when its
 * connection ends). SQLite keeps no per-table statistics and its {@code total_changes()} belongs to
 * the writing connection, so {@link #watch()} installs triggers that count every inserted, updated
 * and deleted row of each entity table: the same number {@code total_changes()} would report for
 * those tables.
 */
public final class EntityTableWrites {

    private final TestDatabase db;

    public EntityTableWrites(TestDatabase db) {
        this.db = db;
    }

    /** The entity tables of the database now. */
    public List<String> tables() {
        String sql = db.isPostgres()
                ? "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'row_hash'"
                : "SELECT m.name AS table_name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' "
                        + "AND p.name = 'row_hash'";
        return db.query(sql).stream().map(r -> String.valueOf(r.get("table_name"))).sorted().toList();
    }

    /** Starts counting (SQLite: installs the triggers; PostgreSQL counts anyway). */
    public EntityTableWrites watch() {
        if (!db.isPostgres()) {
            db.execute("CREATE TABLE IF NOT EXISTS test_entity_writes (table_name TEXT NOT NULL, operation TEXT NOT NULL)");
            for (String table : tables()) {
                for (String op : List.of("INSERT", "UPDATE", "DELETE")) {
                    db.execute("CREATE TRIGGER IF NOT EXISTS test_" + table + "_" + op.toLowerCase() + " AFTER " + op + " ON " + table
                            + " BEGIN INSERT INTO test_entity_writes VALUES ('" + table + "', '" + op + "'); END");
                }
            }
        }
        return this;
    }

    /** Rows inserted, updated or deleted in the entity tables so far (SQLite: since {@link #watch()}). */
    public long count() {
        return count(Duration.ofMillis(700));
    }

    /**
     * As {@link #count()}, PostgreSQL's statistics read until they hold still for {@code quiet}: a server process whose
     * connection stays open (a running service's pool) reports its counts up to 10 s after it went idle, so a count
     * taken behind a service's sync waits longer than behind a process that ended.
     */
    public long count(Duration quiet) {
        if (!db.isPostgres()) {
            return db.count("SELECT COUNT(*) FROM test_entity_writes");
        }
        String sql = "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables "
                + "WHERE schemaname = current_schema() AND relname IN ('" + String.join("', '", tables()) + "')";
        long[] last = {-1};
        org.awaitility.Awaitility.await().atMost(quiet.multipliedBy(4).plusSeconds(30)).pollInterval(quiet).until(() -> {
            long now = db.count(sql);
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
        return last[0];
    }
}
