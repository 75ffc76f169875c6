package io.azsync.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.azsync.config.YamlFile;
import io.azsync.run.ProcessIdentity;
import io.azsync.run.RunStore;
import io.azsync.run.StreamLeases;
import io.azsync.run.StreamRun;
import io.azsync.run.Trigger;
import io.azsync.core.Page;
import io.azsync.transform.PageMapper;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapLoader;
import io.azsync.testing.TestDatabase;

/**
 * The two classes that decide what a run writes and what it marks deleted, on a real database:
 * {@link PageWriter} (one transaction per page) and {@link StaleMarker} (after a complete read).
 * Subclasses pick the database.
 */
abstract class LoadAndDeleteBehaviour {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String STREAM = "things";
    static final TransformMap MAP = TransformMapLoader.parse(YamlFile.parse("""
            table: things
            key: id
            columns:
              id: { path: id, transform: lowercase }
              name: name
              size: { path: properties.size, type: integer }
            """, "things.yaml"), STREAM);

    TestDatabase db;
    Database database;
    RunStore ledger;
    StreamLeases leases;
    ProcessIdentity me;
    PageWriter writer;
    StaleMarker marker;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        db = database();
        database = Database.open(db.url(), db.user(), db.password());
        SchemaManager schema = new SchemaManager(database);
        schema.ensureLedger();
        schema.ensure(MAP);
        me = ProcessIdentity.create();
        ledger = new RunStore(database, me.holder());
        leases = new StreamLeases(database, me, Duration.ofMinutes(1));
        leases.heartbeat();
        writer = new PageWriter(database);
        marker = new StaleMarker(database);
    }

    @AfterEach
    void tearDown() {
        me.retire();
        database.close();
        db.close();
    }

    /** A run holding the stream's lease, as the runner starts it. */
    StreamRun run() {
        StreamRun run = ledger.queue("default", STREAM, Trigger.CLI, null, null, false);
        leases.acquire("default", STREAM, run.runId());
        ledger.started(run);
        run.guard(leases.guard("default", STREAM, run.runId()));
        return run;
    }

    void finish(StreamRun run) {
        ledger.succeed(run);
        leases.release("default", STREAM);
    }

    static JsonNode thing(String id, String name, int size) {
        return JSON.createObjectNode().put("id", id).put("name", name).set("properties", JSON.createObjectNode().put("size", size));
    }

    void load(StreamRun run, JsonNode... records) {
        writer.write(run, new PageMapper(MAP).mapPage(new Page(1, List.of(records))));
    }

    /** The source's last page (empty): the run has read everything. */
    void loadLast(StreamRun run) {
        writer.write(run, new PageMapper(MAP).mapPage(new Page(2, List.of(), io.azsync.core.Position.LAST)));
    }

    long live() {
        return db.count("SELECT COUNT(*) FROM things WHERE deleted_at IS NULL");
    }

    @Test
    void newRowsAreWrittenUnchangedOnesAreNotAndChangedOnesAre() {
        StreamRun first = run();
        load(first, thing("A", "a", 1), thing("B", "b", 2));
        assertEquals(2, first.recordsWritten());
        finish(first);

        StreamRun second = run();
        load(second, thing("A", "a", 1), thing("B", "b", 3));

        assertEquals(1, second.recordsWritten(), "B changed");
        assertEquals(1, second.recordsUnchanged(), "A did not");
        assertEquals(3L, ((Number) db.single("SELECT size FROM things WHERE id = 'b'").get("size")).longValue());
    }

    /**
     * An integrator's own required column with a default (azsync never writes it) does not stop the loading: new rows
     * get the default, changed ones keep the integrator's value.
     */
    @Test
    void aRequiredColumnAnIntegratorAddedWithADefaultTakesItsDefaultAndKeepsTheirValues() {
        db.execute("ALTER TABLE things ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0");
        StreamRun first = run();
        load(first, thing("A", "a", 1), thing("B", "b", 2));
        finish(first);
        db.execute("UPDATE things SET reviewed = 1 WHERE id = 'a'");

        StreamRun second = run();
        load(second, thing("A", "a changed", 1), thing("B", "b", 2), thing("C", "c", 3));

        assertEquals(2, second.recordsWritten(), "A changed, C is new");
        assertEquals(List.of(java.util.Map.of("id", "a", "reviewed", 1L, "name", "a changed"), java.util.Map.of("id", "b", "reviewed", 0L, "name", "b"),
                java.util.Map.of("id", "c", "reviewed", 0L, "name", "c")), db.query("SELECT id, reviewed, name FROM things ORDER BY id").stream()
                .map(r -> java.util.Map.of("id", r.get("id"), "reviewed", ((Number) r.get("reviewed")).longValue(), "name", r.get("name"))).toList());
    }

    /** A page as a Resource Graph page arrives: each record's exact source text, parsed only when read. */
    static Page sourcePage(String... texts) {
        StringBuilder body = new StringBuilder("{\"data\": [");
        int[] starts = new int[texts.length];
        int[] ends = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            body.append(i == 0 ? "" : ", ");
            starts[i] = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            body.append(texts[i]);
            ends[i] = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        byte[] bytes = body.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Page.ofSources(1, bytes, starts, ends, io.azsync.core.Position.MORE);
    }

    @Test
    void aRecordWhoseSourceTextIsStoredUnchangedIsNotMappedAgainAndOneByteMoreIsRewritten() {
        StreamRun first = run();
        writer.write(first, mapSources(first, A, B));
        assertEquals(2, first.recordsWritten());
        finish(first);

        StreamRun second = run();
        // B's text gains a space: the same values, other bytes
        io.azsync.transform.MappedPage page = mapSources(second, A, B.replace(", \"name\"", ",  \"name\""));

        assertEquals(1, page.unchangedCount(), "A's text is what was stored: it is not mapped");
        assertEquals(List.of("b"), page.rows().stream().map(io.azsync.transform.MappedRow::key).toList());
        writer.write(second, page);
        assertEquals(1, second.recordsUnchanged());
        assertEquals(1, second.recordsWritten(), "B's bytes changed, so it is written (its values happen to be the same)");
        loadLast(second);
        assertEquals(0, marker.markDeleted(second, MAP), "A, not mapped, still counts as seen");
        finish(second);
        assertEquals(2, live());
    }

    @Test
    void aRecordThatChangedEarlierInTheRunAndComesBackAsItWasStoredIsWrittenAsItComesBack() {
        storeA();

        // a skip token shifted under churn: A is read twice in one run, changed on one page and as it was on a later one
        StreamRun second = run();
        StoredRowLookup lookup = new StoredRowLookup(database);
        writer.write(second, new PageMapper(MAP).mapPage(sourcePage(A_CHANGED), lookup.snapshot(second.identity(), MAP)));
        assertEquals(2L, sizeOfA());
        io.azsync.transform.MappedPage later = new PageMapper(MAP).mapPage(sourcePage(A), lookup.snapshot(second.identity(), MAP));

        assertEquals(List.of("a"), later.rows().stream().map(io.azsync.transform.MappedRow::key).toList(),
                "A's old text matches the hashes read at the run's start, but the run wrote A since: it is mapped again");
        writer.write(second, later);
        assertEquals(1L, sizeOfA(), "the row holds what the source sent last");
        endMarkingNothing(second);
    }

    @Test
    void aPageThatHoldsAKeyTwiceEndsAsItsLastRecordSaysWhenThatOneIsStoredAsItCame() {
        storeA();

        // one page holds A changed, then A as it is stored: the last record wins, so nothing is written
        StreamRun second = run();
        io.azsync.transform.MappedPage page = mapSources(second, A_CHANGED, A);
        assertEquals(List.of(), page.rows(), "A's last record is the stored one");
        writer.write(second, page);
        assertEquals(1L, sizeOfA());
        endMarkingNothing(second);
    }

    static final String A = "{\"id\": \"A\", \"name\": \"a\", \"properties\": {\"size\": 1}}";
    static final String A_CHANGED = A.replace("\"size\": 1", "\"size\": 2");
    static final String B = "{\"id\": \"B\", \"name\": \"b\", \"properties\": {\"size\": 2}}";

    /** A page of these source texts mapped against the row hashes stored when {@code run} asks (a lookup of its own). */
    io.azsync.transform.MappedPage mapSources(StreamRun run, String... texts) {
        return new PageMapper(MAP).mapPage(sourcePage(texts), new StoredRowLookup(database).snapshot(run.identity(), MAP));
    }

    /** A run that stores {@link #A} from its source text. */
    void storeA() {
        StreamRun first = run();
        writer.write(first, mapSources(first, A));
        finish(first);
    }

    long sizeOfA() {
        return ((Number) db.single("SELECT size FROM things WHERE id = 'a'").get("size")).longValue();
    }

    /** Loads the last page and asserts the complete run marks nothing deleted. */
    void endMarkingNothing(StreamRun run) {
        loadLast(run);
        assertEquals(0, marker.markDeleted(run, MAP));
        finish(run);
    }

    @Test
    void aRowMarkedDeletedComesBackWhenItsRecordReturnsByteForByte() {
        StreamRun first = run();
        writer.write(first, mapSources(first, A, B));
        loadLast(first);
        finish(first);

        StreamRun second = run();
        io.azsync.transform.MappedPage onlyA = mapSources(second, A);
        assertEquals(List.of(), onlyA.unchangedKeys(), "a page of stored records only: A is not even keyed");
        assertEquals(1, onlyA.unchangedHashes().length, "A is kept by its row hash");
        writer.write(second, onlyA);
        loadLast(second);
        assertEquals(1, marker.markDeleted(second, MAP), "B was not seen, A was (by its row hash)");
        finish(second);
        assertNotNull(db.single("SELECT deleted_at FROM things WHERE id = 'b'").get("deleted_at"));

        StreamRun third = run();
        io.azsync.transform.MappedPage page = mapSources(third, A, B);
        assertEquals(List.of("b"), page.rows().stream().map(io.azsync.transform.MappedRow::key).toList(),
                "B's stored row is marked deleted: the same bytes are mapped and written again");
        writer.write(third, page);
        loadLast(third);
        assertEquals(0, marker.markDeleted(third, MAP));
        finish(third);
        assertNull(db.single("SELECT deleted_at FROM things WHERE id = 'b'").get("deleted_at"));
        assertEquals(2, live());
    }

    @Test
    void everyKindOfValueArrivesAsItWasSentWhateverTheDatabaseLoadsItWith() {
        TransformMap odd = TransformMapLoader.parse(YamlFile.parse("""
                table: odd_things
                key: id
                columns:
                  id: { path: id, transform: lowercase }
                  name: name
                  tags: { path: tags, type: string-array }
                  doc: { path: doc, type: json }
                  seen: { path: seen, type: timestamp }
                  ratio: { path: ratio, type: number }
                  enabled: { path: enabled, type: boolean }
                  count: { path: count, type: integer }
                """, "odd-things.yaml"), "odd-things");
        new SchemaManager(database).ensure(odd);
        String name = "tab\there\nnew\rline back\\slash \\N \"q\" 'a' café ✓ \u2028";
        com.fasterxml.jackson.databind.node.ObjectNode record = JSON.createObjectNode().put("id", "X").put("name", name)
                .put("seen", "2026-11-30T12:00:00Z").put("ratio", 1.5E10).put("enabled", true).put("count", 9007199254740993L);
        record.putArray("tags").add("a\tb").add("c\\d").add("\\N");
        record.putObject("doc").put("k", "v\\\n\t");
        StreamRun run = ledger.queue("default", "odd-things", Trigger.CLI, null, null, false);
        leases.acquire("default", "odd-things", run.runId());
        ledger.started(run);
        run.guard(leases.guard("default", "odd-things", run.runId()));

        writer.write(run, new PageMapper(odd).mapPage(new Page(1, List.of(record))));

        java.util.Map<String, Object> row = db.single("SELECT * FROM odd_things WHERE id = 'x'");
        assertEquals(name, row.get("name"));
        assertEquals(9007199254740993L, ((Number) row.get("count")).longValue());
        assertEquals(1.5E10, ((Number) row.get("ratio")).doubleValue());
        assertTrue(List.of("true", "1", "t").contains(String.valueOf(row.get("enabled"))), String.valueOf(row.get("enabled")));
        try {
            assertEquals(List.of("a\tb", "c\\d", "\\N"), JSON.readValue(String.valueOf(row.get("tags")), List.class));
            assertEquals("v\\\n\t", JSON.readTree(String.valueOf(row.get("doc"))).path("k").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, run.recordsWritten());
    }

    /**
     * Half an emoji, escaped (JSON parsers accept it, PostgreSQL's JSON does not): the record loads on both databases,
     * its whole-record column holding U+FFFD where the half was, instead of failing the page.
     */
    @Test
    void aRecordWithAnEscapedHalfOfASurrogatePairLoadsWithTheReplacementCharacter() throws Exception {
        TransformMap raw = TransformMapLoader.parse(YamlFile.parse("""
                table: raw_things
                key: id
                columns:
                  id: { path: id, transform: lowercase }
                  raw: { path: $, type: json }
                """, "raw-things.yaml"), "raw-things");
        new SchemaManager(database).ensure(raw);
        StreamRun run = ledger.queue("default", "raw-things", Trigger.CLI, null, null, false);
        leases.acquire("default", "raw-things", run.runId());
        ledger.started(run);
        run.guard(leases.guard("default", "raw-things", run.runId()));

        writer.write(run, new PageMapper(raw).mapPage(sourcePage("{\"id\":\"A\",\"tag\":\"half \\ud83d\"}", "{\"id\":\"B\",\"tag\":\"ok\"}"),
                new StoredRowLookup(database).snapshot(run.identity(), raw)));

        assertEquals(2, db.count("SELECT COUNT(*) FROM raw_things"));
        String stored = String.valueOf(db.single("SELECT raw FROM raw_things WHERE id = 'a'").get("raw"));
        assertEquals("half \uFFFD", new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored).path("tag").asText(), stored);
    }

    @Test
    void theWholeRecordColumnKeepsTheTextTheSourceSent() {
        TransformMap raw = TransformMapLoader.parse(YamlFile.parse("""
                table: raw_things
                key: id
                columns:
                  id: { path: id, transform: lowercase }
                  raw: { path: $, type: json }
                """, "raw-things.yaml"), "raw-things");
        new SchemaManager(database).ensure(raw);
        String text = "{\"id\":\"A\",\"big\":1.0E+2,\"name\":\"caf\\u00e9\"}";
        StreamRun run = ledger.queue("default", "raw-things", Trigger.CLI, null, null, false);
        leases.acquire("default", "raw-things", run.runId());
        ledger.started(run);
        run.guard(leases.guard("default", "raw-things", run.runId()));

        writer.write(run, new PageMapper(raw).mapPage(sourcePage(text), new StoredRowLookup(database).snapshot(run.identity(), raw)));

        String stored = String.valueOf(db.single("SELECT raw FROM raw_things WHERE id = 'a'").get("raw"));
        if (db.isPostgres()) {
            // jsonb keeps values: the number as Azure wrote it (100), not as a re-serialised double (100.0)
            assertTrue(stored.matches(".*\"big\": 100[,}].*") && stored.contains("café"), stored);
        } else {
            assertEquals(text, stored, "SQLite keeps the very text Azure sent, not a re-serialised tree");
        }
    }

    @Test
    void onlyRowsACompleteRunDidNotSeeAreMarkedDeletedAndTheyComeBackWhenSeenAgain() {
        StreamRun first = run();
        load(first, thing("A", "a", 1), thing("B", "b", 2));
        finish(first);

        StreamRun second = run();
        load(second, thing("A", "a", 1));
        assertThrows(IllegalStateException.class, () -> marker.markDeleted(second, MAP), "the source's last page was not loaded");
        loadLast(second);
        assertEquals(1, marker.markDeleted(second, MAP));
        finish(second);
        assertNotNull(db.single("SELECT deleted_at FROM things WHERE id = 'b'").get("deleted_at"));

        StreamRun third = run();
        load(third, thing("A", "a", 1), thing("B", "b", 2));
        assertNull(db.single("SELECT deleted_at FROM things WHERE id = 'b'").get("deleted_at"), "B came back");
    }

    /** A table keyed by values that are not text in the database: a number, a timestamp and a flag. */
    static final TransformMap TYPED_KEYS = TransformMapLoader.parse(YamlFile.parse("""
            table: readings
            key: [sensor, at, calibrated]
            columns:
              sensor: { path: sensor, type: integer }
              at: { path: at, type: timestamp }
              calibrated: { path: calibrated, type: boolean }
              value: { path: value, type: number }
            """, "readings.yaml"), STREAM);

    static JsonNode reading(int sensor, String at, boolean calibrated, double value) {
        return JSON.createObjectNode().put("sensor", sensor).put("at", at).put("calibrated", calibrated).put("value", value);
    }

    void loadReadings(StreamRun run, boolean last, JsonNode... records) {
        writer.write(run, new PageMapper(TYPED_KEYS).mapPage(new Page(1, List.of(records),
                last ? io.azsync.core.Position.LAST : io.azsync.core.Position.MORE)));
    }

    @Test
    void rowsKeyedByNumbersTimestampsAndFlagsAreRecognisedAsUnchangedAndOnlyTheVanishedOneIsMarked() {
        new SchemaManager(database).ensure(TYPED_KEYS);
        // seven fraction digits, as Azure sends them, and an offset: the stored key must still match the mapped one
        JsonNode a = reading(7, "2024-05-01T10:20:30.1234567+02:00", true, 1.5);
        JsonNode b = reading(8, "2024-05-01T10:20:30Z", false, 2.5);
        StreamRun first = run();
        loadReadings(first, true, a, b);
        assertEquals(2, first.recordsWritten());
        assertEquals(0, marker.markDeleted(first, TYPED_KEYS));
        finish(first);

        StreamRun second = run();
        loadReadings(second, true, a);
        assertEquals(0, second.recordsWritten(), "the reading is stored as it came");
        assertEquals(1, second.recordsUnchanged());
        assertEquals(1, marker.markDeleted(second, TYPED_KEYS), "only the reading the run did not see");
        finish(second);
        assertEquals(1L, db.count("SELECT COUNT(*) FROM readings WHERE deleted_at IS NULL AND sensor = 7"), "the reading seen stays live");
        assertEquals(1L, db.count("SELECT COUNT(*) FROM readings WHERE deleted_at IS NOT NULL AND sensor = 8"));
    }

    @Test
    void tablesWhoseLongNamesDifferOnlyPastPostgresqlsLimitLoadEachIntoItsOwnShape() {
        // 56 characters each, within PostgreSQL's 63 for a name, and alike for their first 52
        String prefix = "t" + "x".repeat(51);
        TransformMap one = TransformMapLoader.parse(YamlFile.parse("table: " + prefix + "_one\nkey: id\ncolumns:\n  id: id\n  name: name\n",
                "one.yaml"), STREAM);
        TransformMap two = TransformMapLoader.parse(YamlFile.parse("table: " + prefix + "_two\nkey: id\ncolumns:\n  id: id\n"
                + "  size: { path: properties.size, type: integer }\n", "two.yaml"), STREAM);
        new SchemaManager(database).ensure(one);
        new SchemaManager(database).ensure(two);
        StreamRun run = run();
        writer.write(run, new PageMapper(one).mapPage(new Page(1, List.of(thing("A", "a", 1)))));
        writer.write(run, new PageMapper(two).mapPage(new Page(2, List.of(thing("B", "b", 2)))));
        assertEquals(2, run.recordsWritten());
        assertEquals(2L, db.count("SELECT size FROM " + prefix + "_two"));
    }

    @Test
    void aTableLoadedTwiceInOnePageTransactionEndsWithTheLastValue() {
        StreamRun run = run();
        // two maps on one table in one page's transaction: the second load must not meet the first one's staged rows
        writer.write(run, List.of(new PageMapper(MAP).mapPage(new Page(1, List.of(thing("A", "first", 1)))),
                new PageMapper(MAP).mapPage(new Page(1, List.of(thing("A", "second", 1))))));
        assertEquals("second", db.single("SELECT name FROM things WHERE id = 'a'").get("name"));
    }

    @Test
    void aRejectedRecordWithItsKeyKeepsItsRowAndOneWithoutBlocksEveryDeletion() {
        StreamRun first = run();
        load(first, thing("A", "a", 1), thing("B", "b", 2), thing("C", "c", 3));
        finish(first);

        StreamRun second = run();
        JsonNode brokenB = JSON.createObjectNode().put("id", "B").put("name", "b").put("properties", "not-an-object");
        load(second, thing("A", "a", 1), brokenB);
        loadLast(second);
        assertEquals(1, marker.markDeleted(second, MAP), "only C: B's record was broken, but B exists");
        assertEquals(2L, ((Number) db.single("SELECT size FROM things WHERE id = 'b'").get("size")).longValue(), "B keeps its values");
        finish(second);

        StreamRun third = run();
        JsonNode noKey = JSON.createObjectNode().put("name", "?");
        load(third, noKey);
        loadLast(third);
        assertEquals(0, marker.markDeleted(third, MAP), "a record without a key could be any row");
        assertTrue(third.partialReason().contains("without a readable key"));
        assertEquals(2, live());
    }

    static final TransformMap MEMBERS = TransformMapLoader.parse(YamlFile.parse("""
            table: members
            key: [group_id, member_id]
            each: members
            columns:
              group_id: { path: ^.id, transform: lowercase }
              group_name: ^.name
              member_id: { path: id, required: true }
              size: { path: size, type: integer }
            """, "members.yaml"), "members");

    static JsonNode group(String id, String name, JsonNode... members) {
        com.fasterxml.jackson.databind.node.ObjectNode group = JSON.createObjectNode().put("id", id).put("name", name);
        group.putArray("members").addAll(List.of(members));
        return group;
    }

    @Test
    void anElementRejectedWithoutItsKeyKeepsItsParentsRowsEvenWhenTheParentWasRenamedInTheSameRun() {
        new SchemaManager(database).ensure(MEMBERS);
        StreamRun first = run();
        writer.write(first, new PageMapper(MEMBERS).mapPage(new Page(1, List.of(
                group("G", "old name", JSON.createObjectNode().put("id", "m1").put("size", 1), JSON.createObjectNode().put("id", "m2").put("size", 2)),
                group("H", "h", JSON.createObjectNode().put("id", "h1").put("size", 1))), io.azsync.core.Position.LAST)));
        finish(first);

        // G renamed; its second member comes without an id (rejected: it could be m2, or any member of G); H is gone
        StreamRun second = run();
        writer.write(second, new PageMapper(MEMBERS).mapPage(new Page(1, List.of(
                group("G", "new name", JSON.createObjectNode().put("id", "m1").put("size", 1), JSON.createObjectNode().put("size", 2))),
                io.azsync.core.Position.LAST)));
        assertEquals(1, marker.markDeleted(second, MEMBERS), "only H's member: G's rows are named by the rejected element's group");
        finish(second);
        assertEquals(List.of("m1", "m2"), db.query("SELECT member_id FROM members WHERE deleted_at IS NULL ORDER BY member_id").stream()
                .map(r -> String.valueOf(r.get("member_id"))).toList());
    }

    @Test
    void aRunThatLostItsLeaseWritesNothingAndMarksNothing() {
        StreamRun run = run();
        load(run, thing("A", "a", 1));
        db.execute("DELETE FROM stream_leases");   // taken over while this run stalled

        assertThrows(IllegalStateException.class, () -> load(run, thing("B", "b", 2)));
        assertThrows(IllegalStateException.class, () -> loadLast(run));
        assertThrows(IllegalStateException.class, () -> marker.markDeleted(run, MAP));
        assertEquals(1, db.count("SELECT COUNT(*) FROM things"), "the page of the run without its lease was rolled back");
        assertEquals(1, live());
    }

    @Test
    void duplicateKeysInAPageAreCollapsedLastWins() {
        StreamRun run = run();
        load(run, thing("A", "first", 1), thing("a", "second", 2));

        assertEquals("second", db.single("SELECT name FROM things WHERE id = 'a'").get("name"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM things"));
    }
}
