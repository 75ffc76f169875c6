package io.azsync.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.azsync.core.Page;
import io.azsync.run.StreamRun;
import io.azsync.transform.PageMapper;
import io.azsync.testing.TestDatabase;

/** PageWriter and StaleMarker on a real PostgreSQL. */
class PostgresLoadAndDeleteTest extends LoadAndDeleteBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    /**
     * Pages load by binary COPY, which writes each value in its column's binary form; a table an
     * integrator retyped by hand (here: an int4 and a varchar(n) column, which the binary encoder
     * does not take) still loads, as text, with the same values, and updates as before.
     */
    @Test
    void aTableWhoseColumnsWereRetypedByHandStillLoadsEveryValue() {
        db.execute("ALTER TABLE things ALTER COLUMN size TYPE INTEGER, ALTER COLUMN name TYPE VARCHAR(40)");
        StreamRun run = run();
        writer.write(run, new PageMapper(MAP).mapPage(new Page(1, List.of(thing("A", "tab\there \\N café", 7), thing("B", "b", 8)))));
        loadLast(run);
        finish(run);
        Map<String, Object> a = db.single("SELECT name, size, row_hash FROM things WHERE id = 'a'");
        assertEquals("tab\there \\N café", a.get("name"));
        assertEquals(7, ((Number) a.get("size")).intValue());

        StreamRun second = run();
        writer.write(second, new PageMapper(MAP).mapPage(new Page(1, List.of(thing("A", "renamed", 9), thing("B", "b", 8)))));
        loadLast(second);
        finish(second);
        assertEquals(1, second.recordsWritten(), "A changed, B did not");
        assertEquals(List.of("renamed", 9), List.of(db.single("SELECT name FROM things WHERE id = 'a'").get("name"),
                ((Number) db.single("SELECT size FROM things WHERE id = 'a'").get("size")).intValue()));
    }
}
