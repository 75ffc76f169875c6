package io.azsync.config;

import java.util.Locale;

/**
 * One configuration key. The environment variable name is derived from the key (upper case, dots
 * and dashes become underscores), so {@code azsync.jdbc.url} is {@code AZSYNC_JDBC_URL}. Secret
 * settings are accepted only from the environment and never printed.
 */
public record Setting(String key, String defaultValue, boolean secret, String description) {

    public String envName() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static Setting of(String key, String defaultValue, String description) {
        return new Setting(key, defaultValue, false, description);
    }

    static Setting secret(String key, String description) {
        return new Setting(key, null, true, description);
    }
}
