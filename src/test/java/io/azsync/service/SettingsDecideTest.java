package io.azsync.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.config.Settings;

/**
 * azsync's settings are the one place its runtime takes the sink and its directories from: a
 * property Camel would find by itself (a system property, an environment variable such as an
 * exported AZSYNC_JDBC_URL) does not override them. It did, and the demo (and the launcher's
 * training run, which is the demo) synced its simulated tenant into the database the environment
 * named instead of its own file.
 */
class SettingsDecideTest {

    @Test
    void aSystemPropertyNamingAnotherDatabaseIsNotUsed(@TempDir Path dir) {
        Path right = dir.resolve("right.db");
        Path wrong = dir.resolve("wrong.db");
        Settings settings = Settings.load(Map.of("AZSYNC_JDBC_URL", "jdbc:sqlite:" + right), null);
        System.setProperty("azsync.jdbc.url", "jdbc:sqlite:" + wrong);
        System.setProperty("azsync.transform-maps.dir", dir.resolve("no-maps-here").toString());
        try (AzsyncRuntime runtime = AzsyncRuntime.start(settings)) {
            assertEquals("jdbc:sqlite:" + right, runtime.database().displayUrl());
            assertEquals("jdbc:sqlite:" + right, runtime.camel().resolvePropertyPlaceholders("{{azsync.jdbc.url}}"),
                    "route files see the settings' value");
            assertFalse(runtime.allStreams().isEmpty(), "the project's transform maps were loaded, not the system property's folder");
        } finally {
            System.clearProperty("azsync.jdbc.url");
            System.clearProperty("azsync.transform-maps.dir");
        }
        assertTrue(Files.exists(right), "the settings' database was prepared");
        assertFalse(Files.exists(wrong), "the system property's database was never created");
    }
}
