package io.azsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** A stream with steps of its own, as a full route file (as an integrator writes one): members of groups read apart. */
    private static final String FULL_ROUTE = """
# Stream entra-group-members: Direct group memberships, from Microsoft Graph groups/delta with members, into entra_group_members.
# Source: Microsoft Graph groups/delta ( from transform-maps/entra-group-members.yaml)   Map: transform-maps/entra-group-members.yaml
- route:
    id: entra-group-members
    group: stream
    description: Direct group memberships, from Microsoft Graph groups/delta with members, into entra_group_members.
    routeConfigurationId: stream-errors
    from:
      id: entra-group-members-start
      uri: direct:entra-group-members
      steps:
        # first run: everything, then the stored deltaLink; later runs: only changes
        - to:
            id: entra-group-members-query
            uri: msgraph:groups?delta=true&map=entra-group-members&permission=GroupMember.Read.All
        # one exchange per page; the next page is fetched when this one is loaded
        - split:
            id: entra-group-members-pages
            simple: "${body}"
            streaming: true
            stopOnException: true
            steps:
              - to:
                  id: entra-group-members-map
                  uri: transform-map:entra-group-members
              - to:
                  id: entra-group-members-load
                  uri: sink:upsert
        # full runs only (a delta run's deletions arrive as @removed records)
        - to:
            id: entra-group-members-mark-deleted
            uri: sink:mark-deleted
            """;

    private Path fullRoute() throws IOException {
        Path route = dir.resolve("routes/custom-group-members.camel.yaml");
        Files.writeString(route, FULL_ROUTE.replace("id: entra-group-members", "id: custom-group-members")
                .replace("direct:entra-group-members", "direct:custom-group-members")
                .replace("uri: sink:mark-deleted", "uri: sink:mark-deleted?map=entra-group-members"));
        return route;
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
    void aStreamNamingAMissingMapOrQueryAndAStepWithoutIdAreReportedAtTheirLines() throws IOException {
        Path streams = dir.resolve("routes/azure-streams.camel.yaml");
        Files.writeString(streams, Files.readString(streams).replace("        value: azure-public-ip-addresses\n      - name: query",
                "        value: azure-public-ips\n      - name: query").replace("value: azure-virtual-networks\n",
                "value: azure-virtual-nets\n"));
        Path route = fullRoute();
        Files.writeString(route, Files.readString(route).replace("            id: custom-group-members-query\n", ""));
        CliRun run = CliRun.run(env, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(streams + ":" + lineOf(streams, "value: azure-public-ips")
                + ": no transform map azure-public-ips.yaml"), run.err());
        assertTrue(run.err().contains(streams + ":" + lineOf(streams, "value: azure-virtual-nets")), run.err());
        assertTrue(run.err().contains(route + ":") && run.err().contains("to step has no id"), run.err());
    }

    @Test
    void aDatabaseNoDialectSupportsIsReportedWithTheSupportedForms() {
        Map<String, String> mysql = new java.util.HashMap<>(env);
        mysql.put("AZSYNC_JDBC_URL", "jdbc:mysql://db/azsync?password=hunter2");
        CliRun run = CliRun.run(mysql, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("unsupported database URL: use jdbc:postgresql://HOST:PORT/DB or jdbc:sqlite:FILE"), run.err());
        assertFalse(run.err().contains("hunter2"), "the password in the URL is not printed");
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
        Path route = fullRoute();
        Files.writeString(route, Files.readString(route).replace("streaming: true", "streaming: true\n            parallelProcesing: true"));
        CliRun run = CliRun.run(env, "validate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(route + ":" + lineOf(route, "parallelProcesing") + ": Camel cannot load the routes"), run.err());
        assertTrue(run.err().contains("parallelProcesing"), run.err());
    }

    @Test
    void aGraphPageSizeAbove999IsRefusedBeforeAnyRequest() throws IOException {
        Path route = fullRoute();
        Files.writeString(route, Files.readString(route).replace("map=entra-group-members", "map=entra-group-members&pageSize=1000"));
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

    @Test
    void namesTheSinksCannotTakeAndMapsTooWideForThemAreRefused() throws IOException {
        Path vms = dir.resolve("transform-maps/azure-virtual-machines.yaml");
        Files.writeString(vms, Files.readString(vms).replace("  name: name\n", "  name: name\n  order: name\n  select: location\n"));
        Path ips = dir.resolve("transform-maps/azure-public-ip-addresses.yaml");
        Files.writeString(ips, Files.readString(ips).replaceFirst("table: [a-z_]+", "table: sync_runs"));
        Path nics = dir.resolve("transform-maps/azure-network-interfaces.yaml");
        Files.writeString(nics, Files.readString(nics).replaceFirst("table: [a-z_]+", "table: sqlite_master"));
        StringBuilder wide = new StringBuilder("table: very_wide\nkey: id\ncolumns:\n  id: id\n");
        for (int i = 0; i < 1600; i++) {
            wide.append("  c").append(i).append(": properties.c").append(i).append('\n');
        }
        Files.writeString(dir.resolve("transform-maps/very-wide.yaml"), wide);

        CliRun run = CliRun.run(env, "validate");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(vms + ":" + lineOf(vms, "order: name") + ": column 'order' is an SQL reserved word"), run.err());
        assertTrue(run.err().contains("column 'select' is an SQL reserved word"), run.err());
        assertTrue(run.err().contains("table sync_runs is azsync's own"), run.err());
        assertTrue(run.err().contains("table sqlite_master is azsync's own (ledger, model, scheduler) or the database's"), run.err());
        assertTrue(run.err().contains("1601 columns: PostgreSQL allows 1,600 per table"), run.err());
    }

    @Test
    void everySettingIsCheckedAsAtStart() {
        Map<String, String> bad = new java.util.HashMap<>(env);
        bad.put("AZSYNC_CLUSTERED", "ture");
        bad.put("AZSYNC_API_ENABLED", "yes");
        bad.put("AZSYNC_CONNECTOR", "Prod Tenant!");

        CliRun validate = CliRun.run(bad, "validate");
        CliRun sync = CliRun.run(bad, "sync");

        for (CliRun run : java.util.List.of(validate, sync)) {
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("AZSYNC_CLUSTERED (azsync.clustered): 'ture' must be true or false"), run.err());
            assertTrue(run.err().contains("AZSYNC_API_ENABLED (azsync.api.enabled): 'yes' must be true or false"), run.err());
            assertTrue(run.err().contains("'Prod Tenant!' is not a connector name"), run.err());
        }
    }

    @Test
    void theModelFilesOfEveryConnectorAreChecked() throws IOException {
        Path connectors = dir.resolve("connectors.yaml");
        Files.writeString(connectors, """
                connectors:
                  - name: alpha
                    tenant-id: 8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90
                    client-id: 3c2b1a09-8f7e-4d6c-b5a4-0e9d8c7b6a51
                    credential: { client-secret-env: ALPHA_SECRET }
                    subscriptions: { include: [0b1f6471-1bf0-4dda-aec3-111111111111] }
                    streams: [azure-virtual-machines]
                  - name: beta
                    tenant-id: 11111111-0b1d-4c3e-9f5a-7d2b6c4e1a90
                    client-id: 3c2b1a09-8f7e-4d6c-b5a4-0e9d8c7b6a51
                    credential: { client-secret-env: ALPHA_SECRET }
                    streams: [azure-virtual-machines]
                """);
        Files.writeString(dir.resolve("model/scoring-beta.yaml"), "this: [is not a score map\n");
        Map<String, String> withConnectors = new java.util.HashMap<>(env);
        withConnectors.put("AZSYNC_CONNECTORS_FILE", connectors.toString());
        withConnectors.put("ALPHA_SECRET", "alpha-secret-value");

        CliRun run = CliRun.run(withConnectors, "validate");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("scoring-beta.yaml"), run.err());
    }

    @Test
    void withoutAnyConnectorSyncAndTestConnectionSaySoAndHowToAddOne() {
        Map<String, String> none = new java.util.HashMap<>(env);
        none.put("AZSYNC_JDBC_URL", "jdbc:sqlite:" + dir.resolve("empty.db"));
        none.put("AZSYNC_CONNECTORS_FILE", dir.resolve("absent.yaml").toString());
        for (String command : new String[] {"sync", "test-connection"}) {
            CliRun run = CliRun.run(none, command);
            assertEquals(2, run.exitCode(), command + ": " + run);
            assertTrue(run.err().contains("no connector to") && run.err().contains("AZURE_TENANT_ID")
                    && run.err().contains("REST API"), run.err());
        }
        CliRun validate = CliRun.run(none, "validate");
        assertEquals(0, validate.exitCode(), validate.toString());
        assertTrue(validate.out().contains("Connectors of the file or environment: none"), validate.out());
    }

    @Test
    void everySubcommandTakesHelp() {
        for (String command : new String[] {"sync", "run", "validate", "test-connection", "history", "connectors", "demo", "secrets"}) {
            CliRun run = CliRun.run(env, command, "--help");
            assertEquals(0, run.exitCode(), command + ": " + run);
            assertTrue(run.out().contains("Usage: azsync " + command), command + ": " + run.out());
        }
    }
}
