package io.azsync.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.azsync.config.YamlFile;
import io.azsync.testing.TestDatabase;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapLoader;

/** Tables follow their maps: created, extended with new columns, never dropped. Runs on each real database. */
abstract class SchemaEvolutionBehaviour {

    TestDatabase db = database();

    abstract TestDatabase database();

    @AfterEach
    void tearDown() {
        db.close();
    }

    static TransformMap map(String columns) {
        return TransformMapLoader.parse(YamlFile.parse("table: widgets\nkey: id\ncolumns:\n  id: id\n" + columns, "widgets.yaml"), "widgets");
    }

    @Test
    void aColumnAddedToTheMapAppearsAndNothingIsDropped() {
        try (Database database = Database.open(db.url(), db.user(), db.password())) {
            SchemaManager schema = new SchemaManager(database);
            schema.ensureLedger();
            schema.ensure(map("  colour: colour\n"));
            db.execute("INSERT INTO widgets (id, colour, connector, first_seen_at, last_seen_at, last_run_id, row_hash) "
                    + "VALUES ('w1', 'red', 'default', " + now() + ", " + now() + ", 1, 'h')");

            schema.ensure(map("  weight: {path: weight, type: number}\n"));

            Map<String, Object> row = db.single("SELECT * FROM widgets");
            assertEquals("red", row.get("colour"), "a column left out of the map keeps its data");
            assertTrue(row.containsKey("weight"), row.toString());
            schema.ensure(map("  weight: {path: weight, type: number}\n"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM widgets"));
        }
    }

    @Test
    void theLedgerTablesExist() {
        try (Database database = Database.open(db.url(), db.user(), db.password())) {
            new SchemaManager(database).ensureLedger();
            new SchemaManager(database).ensureLedger();
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM rejected_records"));
    }

    String now() {
        return db.isPostgres() ? "now()" : "'2026-01-01T00:00:00Z'";
    }
}
