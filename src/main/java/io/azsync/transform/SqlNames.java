package io.azsync.transform;

import java.util.Set;

/**
 * Names a transform map may not give a table or a column, because one of the sink databases would
 * not parse the SQL azsync writes with them, or because azsync's own tables use them. Decided:
 * refuse them at {@code validate} (and so at every start) rather than quote every identifier, so
 * that the tables stay easy to query by hand and from views.
 * <p>
 * The words are those that fail as a bare column name in SQLite 3.40 or PostgreSQL 15 in
 * {@code CREATE TABLE}, {@code INSERT … ON CONFLICT … DO UPDATE}, {@code UPDATE … WHERE … IN} and
 * {@code SELECT … ORDER BY} (each was tried on both).
 */
public final class SqlNames {

    /** PostgreSQL allows 1,600 columns per table, SQLite 2,000 by default; azsync adds 6 bookkeeping columns. */
    public static final int MAX_MAP_COLUMNS = 1600 - 6;

    static final Set<String> RESERVED_WORDS = Set.of(
            "add", "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "autoincrement", "between", "binary", "both", "case", "cast", "check", "collate", "column", "commit", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "delete", "desc", "distinct", "do", "drop", "else", "end",
            "escape", "except", "exists", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
            "ilike", "in", "index", "initially", "inner", "insert", "intersect", "into", "is", "isnull", "join", "lateral", "leading",
            "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "nothing", "notnull", "null", "offset", "on",
            "only", "or", "order", "outer", "overlaps", "placing", "primary", "raise", "references", "returning", "right", "select",
            "session_user", "set", "similar", "some", "symmetric", "table", "tablesample", "then", "to", "trailing", "transaction",
            "true", "union", "unique", "update", "user", "using", "values", "variadic", "verbose", "when", "where", "window", "with");

    /** Tables azsync itself keeps: the ledger, the model, the scheduler's. */
    static final Set<String> RESERVED_TABLES = Set.of("sync_runs", "rejected_records", "sync_state", "sync_checkpoints",
            "connector_states", "sync_seen_keys", "table_sightings", "azsync_processes", "stream_leases", "azsync_schema_history", "severity_scores", "identification_rules", "information_schema");

    private SqlNames() {
    }

    /** Why a name cannot be a column, or null when it can. */
    public static String columnProblem(String name) {
        return RESERVED_WORDS.contains(name) ? "'" + name + "' is an SQL reserved word in PostgreSQL or SQLite (the SQL azsync "
                + "writes would not parse): rename the column, e.g. " + name + "_value" : null;
    }

    /** Why a name cannot be a map's table, or null when it can. */
    public static String tableProblem(String name) {
        if (RESERVED_WORDS.contains(name)) {
            return "'" + name + "' is an SQL reserved word in PostgreSQL or SQLite: name the table otherwise";
        }
        if (RESERVED_TABLES.contains(name) || name.startsWith("qrtz_") || name.startsWith("sqlite_") || name.startsWith("pg_")) {
            return "table " + name + " is azsync's own (ledger, model, scheduler) or the database's: a map writes a table of its own";
        }
        return null;
    }
}
