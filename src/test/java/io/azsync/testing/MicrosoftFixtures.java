package io.azsync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Microsoft's recorded payloads, read in place from {@code ../shared/fixtures/microsoft} (or the
 * {@code azsync.fixtures} system property / {@code AZSYNC_FIXTURES} variable). They are not copied
 * into the repository; where the folder is absent, tests using them are skipped with a message.
 */
public final class MicrosoftFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MicrosoftFixtures() {
    }

    public static Path dir() {
        String configured = System.getProperty("azsync.fixtures", System.getenv("AZSYNC_FIXTURES"));
        return Path.of(configured != null ? configured : "../shared/fixtures/microsoft");
    }

    /** The whole file; skips the calling test when the fixtures folder is not there. */
    public static JsonNode read(String name) {
        Path file = dir().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "Microsoft fixture " + file + " not found: these conformance tests "
                + "need the shared fixtures folder (set -Dazsync.fixtures=DIR); skipped");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 200 response body of an ARM spec example (x-ms-examples wrapper). */
    public static JsonNode exampleBody(String name) {
        return read(name).path("responses").path("200").path("body");
    }
}
