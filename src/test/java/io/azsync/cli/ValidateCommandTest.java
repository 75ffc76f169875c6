package io.azsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.CliRun;

/** azsync validate on the shipped files and on broken copies of them. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void copyProjectFiles() throws IOException {
        Map<String, String> settings = new java.util.HashMap<>(io.azsync.testing.ProjectFiles.copyTo(dir));
        settings.put("AZSYNC_JDBC_URL", "jdbc:sqlite:" + dir.resolve("never-created.db"));
        env = Map.copyOf(settings);
    }

    @Test
    void theShippedFilesAreValid() {
        CliRun run = CliRun.run(env, "validate");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("OK:"), run.out());
        assertTrue(Files.notExists(dir.resolve("never-created.db")), "validate needs no database");
    }

    @Test
    void aBrokenTransformMapIsReportedAtItsLine() throws IOException {
        Path map = dir.resolve("transform-maps/azure-virtual-machines.yaml");
        Files.writeString(map, Files.readString(map).replace("time_created: { path: properties.timeCreated, type: timestamp }",
                "time_created: { path: properties.timeCreated, type: datetime }"));
        CliRun run = CliRun.run(env, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        int line = lineOf(map, "type: datetime");
        assertTrue(run.err().contains(map + ":" + line + ": column time_created: unknown type 'datetime'"), run.err());
    }

    @Test
    void aRouteReferringToAMissingMapOrStepWithoutIdIsReportedAtItsLine() throws IOException {
        Path route = dir.resolve("routes/azure-public-ip-addresses.camel.yaml");
        Files.writeString(route, Files.readString(route).replace("uri: transform-map:azure-public-ip-addresses",
                "uri: transform-map:azure-public-ips").replace("            id: azure-public-ip-addresses-query\n", ""));
        CliRun run = CliRun.run(env, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(route + ":" + lineOf(route, "transform-map:azure-public-ips")
                + ": no transform map azure-public-ips.yaml"), run.err());
        assertTrue(run.err().contains("to step has no id"), run.err());
    }

    @Test
    void aQueryThatCannotBePagedIsReported() throws IOException {
        Path query = dir.resolve("queries/azure-virtual-networks.kql");
        Files.writeString(query, "resources | where type =~ 'microsoft.network/virtualnetworks'\n");
        CliRun run = CliRun.run(env, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(query + ":1: the query must end with '| order by id asc'"), run.err());
    }

    @Test
    void aRouteCamelCannotLoadIsReported() throws IOException {
        Path route = dir.resolve("routes/azure-virtual-networks.camel.yaml");
        Files.writeString(route, Files.readString(route).replace("streaming: true", "streaming: true\n            parallelProcesing: true"));
        CliRun run = CliRun.run(env, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(route + ":" + lineOf(route, "parallelProcesing") + ": Camel cannot load the routes"), run.err());
        assertTrue(run.err().contains("parallelProcesing"), run.err());
    }

    @Test
    void aGraphPageSizeAbove999IsRefusedBeforeAnyRequest() throws IOException {
        Path route = dir.resolve("routes/entra-users.camel.yaml");
        Files.writeString(route, Files.readString(route).replace("map=entra-users", "map=entra-users&pageSize=1000"));
        CliRun run = CliRun.run(env, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("pageSize must be between 1 and 999 (Graph answers 400 above 999)"), run.err());
    }

    @Test
    void syncRefusesToStartOnInvalidFilesAndTouchesNoDatabase() throws IOException {
        Path map = dir.resolve("transform-maps/azure-subscriptions.yaml");
        Files.writeString(map, Files.readString(map).replace("table: azure_subscriptions", "table: Azure-Subscriptions"));
        CliRun run = CliRun.run(env, "sync");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(map + ":" + lineOf(map, "table: Azure") + ": table 'Azure-Subscriptions'"), run.err());
        assertTrue(Files.notExists(dir.resolve("never-created.db")));
    }

    static int lineOf(Path file, String text) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
