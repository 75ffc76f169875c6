package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.azsync.testing.TestDatabase;

/**
 * The views in the system's own {@code sqlite3} shell (Debian 12 ships SQLite 3.40.1, older than the
 * bundled driver): what a user opening the file sees. `.ci/run` installs the shell when missing.
 */
class SqliteViewsTest extends ViewsBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }

    String shell(String sql) throws Exception {
        String file = db.url().substring("jdbc:sqlite:".length());
        Process p = new ProcessBuilder("sqlite3", "-batch", "-bail", file, sql).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "sqlite3 " + file + " \"" + sql + "\" failed: " + out);
        return out;
    }

    @Override
    long countThroughClient(String view) throws Exception {
        return Long.parseLong(shell("SELECT COUNT(*) FROM " + view));
    }

    @Override
    List<String> views() {
        try {
            return List.of(shell("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").split("\\R"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
