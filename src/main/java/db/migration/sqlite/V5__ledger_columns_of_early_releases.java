package db.migration.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 5 of the SQLite fixed tables: ledger columns that releases before versioned migrations
 * added one by one. A file made by such a release and baselined at version 0 may lack them; version 1
 * made them for every newer one, so on those this changes nothing. A Java migration because SQLite
 * has no {@code ADD COLUMN IF NOT EXISTS} (PostgreSQL's version 5 is SQL).
 */
public class V5__ledger_columns_of_early_releases extends BaseJavaMigration {

    /** {table, column, definition} */
    static final List<String[]> COLUMNS = List.of(new String[] {"sync_runs", "owner", "TEXT"},
            new String[] {"sync_checkpoints", "blocked_reason", "TEXT"}, new String[] {"sync_state", "full_read_at", "TEXT"});

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            for (String[] column : COLUMNS) {
                if (!columns(st, column[0]).contains(column[1])) {
                    st.execute("ALTER TABLE " + column[0] + " ADD COLUMN " + column[1] + " " + column[2]);
                }
            }
        }
    }

    private static Set<String> columns(Statement st, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }
}
