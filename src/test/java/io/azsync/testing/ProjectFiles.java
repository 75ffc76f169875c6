package io.azsync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.azsync.demo.FakeAzure;

/** Copies the project's editable files (routes, maps, queries, views, model) to a directory tests may change. */
public final class ProjectFiles {

    public static final String[] DIRS = {"routes", "transform-maps", "queries", "views", "model"};

    private ProjectFiles() {
    }

    /** Copies the files and returns the settings that point azsync at the copies. */
    public static Map<String, String> copyTo(Path dir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String sub : DIRS) {
            Path source = Path.of(sub);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path target = dir.resolve(sub).resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            env.put("AZSYNC_" + sub.toUpperCase().replace('-', '_') + "_DIR", dir.resolve(sub).toString());
        }
        return env;
    }

    /** The fake's settings plus a database's. */
    public static Map<String, String> env(FakeAzure azure, TestDatabase db) {
        Map<String, String> env = new LinkedHashMap<>(azure.env());
        env.putAll(db.env());
        return env;
    }

    /**
     * Settings for one connector "tenant-one" of the fake's tenant, written to {@code dir/connectors.yaml}
     * with its secret in the environment variable TENANT_ONE_SECRET, enabling {@code streams}, scheduled
     * {@code every} interval, into {@code db}.
     */
    public static Map<String, String> oneConnector(Path dir, FakeAzure azure, TestDatabase db, String every, String... streams)
            throws IOException {
        Path file = dir.resolve("connectors.yaml");
        Files.writeString(file, """
                connectors:
                  - name: tenant-one
                    tenant-id: %s
                    client-id: %s
                    credential: { client-secret-env: TENANT_ONE_SECRET }
                    streams: [%s]
                    schedules:
                      default: { every: %s }
                """.formatted(FakeAzure.TENANT, FakeAzure.CLIENT_ID, String.join(", ", streams), every));
        Map<String, String> env = new LinkedHashMap<>(azure.env());
        env.remove("AZURE_CLIENT_SECRET");
        env.put("TENANT_ONE_SECRET", FakeAzure.CLIENT_SECRET);
        env.put("AZSYNC_CONNECTORS_FILE", file.toString());
        env.putAll(db.env());
        return env;
    }
}
