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

    /** An identity key and a server-filled timestamp an integrator added: both filled by PostgreSQL, the page loads. */
    @Test
    void aTableWithAnIntegratorsIdentityAndServerTimestampColumnsLoads() {
        db.execute("ALTER TABLE things ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY, "
                + "ADD COLUMN inserted_at TIMESTAMPTZ NOT NULL DEFAULT now()");
        StreamRun run = run();
        load(run, thing("A", "a", 1), thing("B", "b", 2));
        finish(run);
        assertEquals(2, db.count("SELECT COUNT(*) FROM things WHERE seq IS NOT NULL AND inserted_at IS NOT NULL"));
    }

    /**
     * The binary COPY data is kept in chunks of 256 KB: a page of several chunks, with a value larger
     * than a chunk and values across chunk boundaries, loads every value exactly.
     */
    @Test
    void aPageLargerThanOneCopyChunkLoadsEveryValueExactly() {
        String large = "x".repeat(PgBinaryCopy.CHUNK + 12_345) + "é";
        List<com.fasterxml.jackson.databind.JsonNode> things = new java.util.ArrayList<>();
        things.add(thing("BIG", large, 1));
        for (int i = 0; i < 700; i++) {
            things.add(thing("T" + i, "name " + i + " " + "é".repeat(i), i));
        }
        StreamRun run = run();
        writer.write(run, new PageMapper(MAP).mapPage(new Page(1, things)));
        loadLast(run);
        finish(run);
        assertEquals(701L, ((Number) db.single("SELECT COUNT(*) AS n FROM things").get("n")).longValue());
        assertEquals(large, db.single("SELECT name FROM things WHERE id = 'big'").get("name"));
        for (int i : new int[] {0, 1, 349, 698, 699}) {
            Map<String, Object> row = db.single("SELECT name, size FROM things WHERE id = 't" + i + "'");
            assertEquals("name " + i + " " + "é".repeat(i), row.get("name"));
            assertEquals((long) i, ((Number) row.get("size")).longValue());
        }
    }

    /**
     * A source text is copied in binary as the API sent it, unchecked. Bytes PostgreSQL refuses as
     * UTF-8 (here an overlong "A", C1 81, which the JSON parser reads as "A") do not fail the page
     * for good: it is loaded as text, whose decoding stores U+FFFD for them, as before.
     */
    @Test
    void aSourceTextWithBytesPostgresqlRefusesAsUtf8IsLoadedAsTextInstead() {
        io.azsync.transform.TransformMap raw = io.azsync.transform.TransformMapLoader.parse(io.azsync.config.YamlFile.parse("""
                table: raw_bytes
                key: id
                columns:
                  id: id
                  name: name
                  raw: { path: $, type: json }
                """, "raw-bytes.yaml"), "raw-bytes");
        new SchemaManager(database).ensure(raw);
        byte[] before = "[{\"id\":\"a\",\"name\":\"x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] after = "y\"}]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + 2 + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        body[before.length] = (byte) 0xC1;
        body[before.length + 1] = (byte) 0x81;
        System.arraycopy(after, 0, body, before.length + 2, after.length);
        Page page = Page.ofSources(1, body, new int[] {1}, new int[] {body.length - 1}, null);
        StreamRun run = ledger.queue("default", "raw-bytes", io.azsync.run.Trigger.CLI, null, null, false);
        leases.acquire("default", "raw-bytes", run.runId());
        ledger.started(run);
        run.guard(leases.guard("default", "raw-bytes", run.runId()));

        writer.write(run, new PageMapper(raw).mapPage(page, new StoredRowLookup(database).snapshot(run.identity(), raw)));

        Map<String, Object> row = db.single("SELECT name, raw->>'name' AS raw_name FROM raw_bytes WHERE id = 'a'");
        assertEquals(1, run.recordsWritten());
        assertEquals("xAy", row.get("name"), "the parser read the overlong bytes as an A");
        assertEquals("x\uFFFD\uFFFDy", row.get("raw_name"), "the stored source text holds U+FFFD for them");
    }
}
