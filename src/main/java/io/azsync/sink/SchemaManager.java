package io.azsync.sink;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.azsync.transform.ColumnSpec;
import io.azsync.transform.TransformMap;

/**
 * Creates and evolves tables from transform maps: a missing table is created, a column added to a
 * map is added to its table. Nothing is ever dropped or retyped: a column removed from a map stays
 * in the table (and keeps its old values).
 */
public final class SchemaManager {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);

    private final Database database;

    public SchemaManager(Database database) {
        this.database = database;
    }

    /**
     * Brings azsync's fixed tables (ledger, model) to the newest version with Flyway's versioned
     * migrations for this database ({@link Dialect#migrations()}), history in
     * {@code azsync_schema_history}. A database made before versioned migrations has the tables but
     * no history: it is baselined at version 0 and version 1 (all {@code IF NOT EXISTS}) leaves them
     * as they are; version 5 adds the ledger columns a still older release lacks.
     */
    public void ensureLedger() {
        org.flywaydb.core.Flyway.configure(SchemaManager.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations("classpath:" + database.dialect().migrations())
                .table("azsync_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("tables of a release before versioned migrations")
                .load()
                .migrate();
    }

    public void ensure(TransformMap map) {
        Dialect dialect = database.dialect();
        database.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(dialect.createTable(map));
                Set<String> existing = columns(c, map.table());
                for (ColumnSpec column : map.columns()) {
                    if (!existing.contains(column.name())) {
                        st.execute(dialect.addColumn(map.table(), column.name(), dialect.columnType(column.type())));
                        LOG.info("Added column {}.{} ({}) from {}", map.table(), column.name(), column.type().yamlName(), map.file());
                    }
                }
                List<String> bookkeeping = dialect.bookkeepingColumns();
                List<String> names = Dialect.bookkeepingNames();
                for (int i = 0; i < names.size(); i++) {
                    if (!existing.contains(names.get(i))) {
                        // tables created by azsync always have them; this covers tables an integrator made by hand
                        st.execute("ALTER TABLE " + map.table() + " ADD COLUMN " + bookkeeping.get(i).replace(" NOT NULL", ""));
                    }
                }
            }
            return null;
        });
    }

    static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
