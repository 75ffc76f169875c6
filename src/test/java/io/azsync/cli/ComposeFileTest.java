package io.azsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import io.azsync.config.ConnectorsFile;
import io.azsync.config.Settings;

/**
 * docker-compose.yml runs the service with PostgreSQL and a mounted connectors file. No Docker engine
 * runs on the build machines, so the file is checked for what the service needs; `docker compose
 * config` validates it where Docker is installed.
 */
class ComposeFileTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void theComposeFileRunsTheServiceWithPostgresAndAMountedConnectorsFile() throws Exception {
        Map<String, Object> compose = map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of("docker-compose.yml"))));
        Map<String, Object> services = map(compose.get("services"));
        assertTrue(services.containsKey("postgres"));
        Map<String, Object> azsync = map(services.get("azsync"));
        assertEquals(List.of("run"), azsync.get("command"));
        assertEquals(List.of("java", "-jar", "/app/target/azsync.jar"), azsync.get("entrypoint"));
        List<?> volumes = (List<?>) azsync.get("volumes");
        for (String mount : new String[] {"./connectors.yaml:/app/connectors.yaml:ro", "./routes:/app/routes:ro",
                "./transform-maps:/app/transform-maps:ro", "./queries:/app/queries:ro", "./views:/app/views:ro", "./model:/app/model:ro"}) {
            assertTrue(volumes.contains(mount), mount);
        }
        Map<String, Object> env = map(azsync.get("environment"));
        assertEquals("/app/connectors.yaml", env.get("AZSYNC_CONNECTORS_FILE"));
        assertTrue(String.valueOf(env.get("AZSYNC_JDBC_URL")).startsWith("jdbc:postgresql://postgres:5432/"));
        assertTrue(String.valueOf(env.get("AZSYNC_API_TOKEN")).startsWith("${AZSYNC_API_TOKEN"), "the token comes from .env, not the file");
        assertEquals(List.of("127.0.0.1:8080:8080"), azsync.get("ports"), "the API is published on loopback only");
        assertEquals("service_healthy", map(map(azsync.get("depends_on")).get("postgres")).get("condition"));
    }

    @Test
    void theExampleConnectorsFileIsValid() {
        Settings settings = Settings.load(Map.of("AZSYNC_CONNECTORS_FILE", "connectors.example.yaml", "CONTOSO_CLIENT_SECRET", "x"), null);
        var connectors = ConnectorsFile.load(settings, settings.environment());
        assertEquals("contoso", connectors.get(0).name());
        assertEquals("0 15 */2 * * ?", connectors.get(0).scheduleOf("entra").cron());
    }
}
