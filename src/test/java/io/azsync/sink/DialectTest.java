package io.azsync.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.azsync.config.YamlFile;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapLoader;

/** The SQL each dialect builds from a transform map. */
class DialectTest {

    static final TransformMap MAP = TransformMapLoader.parse(YamlFile.parse("""
            table: things
            key: id
            scope: subscription_id
            columns:
              id: id
              subscription_id: sub
              size: {path: size, type: integer}
              tags: {path: tags, type: json}
            """, "things.yaml"), "things");

    @Test
    void theFixedTablesUpsertsReturningAndFirstRowsAreTheFormsBothDatabasesShare() {
        for (Dialect d : Dialect.known()) {
            assertEquals("INSERT INTO t (a, b, c) VALUES (?, ?, 1 + ?) ON CONFLICT (a) DO UPDATE SET b = excluded.b, c = excluded.c",
                    d.insertOrUpdate("t", java.util.List.of("a", "b", "c"), java.util.List.of("?", "?", "1 + ?"), java.util.List.of("a"),
                            java.util.List.of("b", "c")), d.name());
            assertEquals("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a, b) DO NOTHING",
                    d.insertOrUpdate("t", java.util.List.of("a", "b"), java.util.List.of("a", "b"), java.util.List.of()), d.name());
            assertEquals("INSERT INTO t (a) VALUES (?) RETURNING id", d.returning("INSERT INTO t (a) VALUES (?)", "id"), d.name());
            assertEquals("SELECT a FROM t ORDER BY a LIMIT ?", d.firstRows("SELECT a FROM t ORDER BY a", "?"), d.name());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> d.insertOrUpdate("t", java.util.List.of("a", "b"), java.util.List.of("?"), java.util.List.of("a"), java.util.List.of()));
        }
    }

    @Test
    void theUrlPicksTheDialect() {
        assertInstanceOf(PostgresDialect.class, Dialect.forUrl("jdbc:postgresql://db/azsync"));
        assertInstanceOf(SqliteDialect.class, Dialect.forUrl("jdbc:sqlite:azsync.db"));
    }

    @Test
    void dialectsAreFoundThroughServiceLoaderAndAnUnknownDatabaseIsNamedWithTheSupportedForms() {
        java.util.List<String> names = java.util.ServiceLoader.load(Dialect.class).stream().map(p -> p.get().name()).toList();
        assertEquals(java.util.List.of("postgresql", "sqlite"), names);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Dialect.forUrl("jdbc:mysql://db/azsync"));
        assertEquals("unsupported database URL: use jdbc:postgresql://HOST:PORT/DB or jdbc:sqlite:FILE", e.getMessage());
    }

    @Test
    void postgresUpsertWritesOnlyChangedReturningOrOtherConnectorsRows() {
        assertEquals("INSERT INTO things (id, subscription_id, size, tags, connector, first_seen_at, last_seen_at, last_run_id, row_hash) "
                + "VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET subscription_id = excluded.subscription_id, "
                + "size = excluded.size, tags = excluded.tags, connector = excluded.connector, last_seen_at = excluded.last_seen_at, "
                + "last_run_id = excluded.last_run_id, row_hash = excluded.row_hash, deleted_at = NULL "
                + "WHERE things.row_hash IS DISTINCT FROM excluded.row_hash OR things.deleted_at IS NOT NULL "
                + "OR things.connector IS DISTINCT FROM excluded.connector",
                new PostgresDialect().upsert(MAP));
    }

    @Test
    void sqliteUpsertUsesItsOwnNullSafeComparison() {
        String sql = new SqliteDialect().upsert(MAP);
        assertTrue(sql.contains("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"), sql);
        assertTrue(sql.endsWith("WHERE things.row_hash IS NOT excluded.row_hash OR things.deleted_at IS NOT NULL "
                + "OR things.connector IS NOT excluded.connector"), sql);
    }

    @Test
    void tablesCarryTypedColumnsBookkeepingAndTheKey() {
        String pg = new PostgresDialect().createTable(MAP);
        assertTrue(pg.contains("id TEXT NOT NULL") && pg.contains("size BIGINT") && pg.contains("tags JSONB"), pg);
        assertTrue(pg.contains("first_seen_at TIMESTAMPTZ NOT NULL") && pg.contains("deleted_at TIMESTAMPTZ,"), pg);
        assertTrue(pg.contains("last_run_id BIGINT NOT NULL") && pg.contains("row_hash TEXT NOT NULL"), pg);
        assertTrue(pg.endsWith("PRIMARY KEY (id)\n)"), pg);
        String lite = new SqliteDialect().createTable(MAP);
        assertTrue(lite.contains("size INTEGER") && lite.contains("tags TEXT") && lite.contains("deleted_at TEXT,"), lite);
    }

    @Test
    void markDeletedNamesTheUnseenRowsByKeyWithinTheConnector() {
        assertEquals("UPDATE things SET deleted_at = ?, last_seen_at = CASE WHEN last_seen_at < ? THEN ? ELSE last_seen_at END "
                + "WHERE connector = ? AND deleted_at IS NULL AND id IN (?, ?)",
                new SqliteDialect().markKeysDeleted(MAP, 2));
    }

    @Test
    void aStringArrayIsTheJsonTextJacksonWritesForItEvenWithCharactersThatNeedEscaping() throws Exception {
        java.util.List<String> tricky = java.util.List.of("plain", "quote \" and \\ backslash", "tab\tnew\nline\r\u0001\u001f",
                "café ✓ \u2028 😀 </script>", "");
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(tricky), Dialect.toJson(tricky));
        assertEquals("[]", Dialect.toJson(java.util.List.of()));
        assertEquals(tricky, new com.fasterxml.jackson.databind.ObjectMapper().readValue(Dialect.toJson(tricky), java.util.List.class));
    }
}
