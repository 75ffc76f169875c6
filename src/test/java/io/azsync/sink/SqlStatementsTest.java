package io.azsync.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Statements of a view file are counted at code semicolons only. */
class SqlStatementsTest {

    @Test
    void semicolonsInStringsIdentifiersAndCommentsDoNotSplit() {
        String sql = """
                -- a comment; with a semicolon
                /* and; another */
                CREATE VIEW v AS SELECT 'a;b' AS "odd;name", 'it''s;' AS quoted FROM t;
                """;
        assertEquals(1, SqlStatements.split(sql).size());
    }

    @Test
    void aSecondStatementIsCountedAndTrailingBlanksAreNot() {
        assertEquals(2, SqlStatements.split("CREATE VIEW v AS SELECT 1; CREATE TABLE x (id TEXT);").size());
        assertEquals(List.of("SELECT 1"), SqlStatements.split("SELECT 1;\n  ;\n-- done\n"));
    }
}
