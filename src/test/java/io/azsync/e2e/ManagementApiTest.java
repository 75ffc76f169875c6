package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Settings;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ServiceMode;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeResources;
import io.azsync.testing.TestDatabase;

/** The REST management API of a running service, over real HTTP on loopback. */
class ManagementApiTest {

    static final String SUB = "8d8d8d8d-0000-4000-8000-000000000001";
    static final String TOKEN = "api-token-7f3c9e1d2b4a6058";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    AzsyncRuntime runtime;
    ServiceMode service;
    String base;
    final HttpClient http = HttpClient.newHttpClient();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream originalErr;

    @BeforeEach
    void setUp() throws Exception {
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm1", null));
        db = TestDatabase.sqlite(dir);
        dirs = io.azsync.testing.ProjectFiles.copyTo(dir);
        originalErr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        runtime = AzsyncRuntime.start(Settings.load(env(port), null), true);
        service = ServiceMode.start(runtime, Clock.systemUTC());
        base = "http://127.0.0.1:" + port;
        // a connector that never ran is overdue: the service syncs it once at start; let that finish
        waitForRuns(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !service.services().get("main").isRunning());
    }

    Map<String, String> dirs;

    Map<String, String> env(int port) {
        Map<String, String> env = io.azsync.testing.ProjectFiles.env(azure, db);
        env.putAll(dirs);
        env.put("AZSYNC_API_TOKEN", TOKEN);
        env.put("AZSYNC_API_PORT", String.valueOf(port));
        env.put("AZSYNC_CONNECTOR", "main");
        env.put("AZSYNC_STREAMS", "azure-virtual-machines");
        env.put("AZSYNC_CONNECTORS_FILE", dir.resolve("no-connectors.yaml").toString());
        return env;
    }

    @AfterEach
    void tearDown() {
        service.close();
        runtime.close();
        System.setErr(originalErr);
        String all = logs.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains(TOKEN), "the API token leaked into the logs");
        assertFalse(all.contains(FakeAzure.CLIENT_SECRET), "the client secret leaked into the logs");
        azure.close();
        db.close();
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(response.body().contains(TOKEN) || response.body().contains(FakeAzure.CLIENT_SECRET), "a secret in " + path);
        assertTrue(response.headers().firstValue("Authorization").isEmpty(), "the token is not echoed back");
        return response;
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    void waitForRuns(int succeeded) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> db.count("SELECT COUNT(*) FROM sync_runs WHERE state = 'succeeded'") >= succeeded);
    }

    @Test
    void theConsolePageIsServedWithoutATokenButNoDataIs() throws Exception {
        HttpResponse<String> root = call("GET", "/", null, null);
        assertEquals(302, root.statusCode(), "/ leads to the console");
        HttpResponse<String> page = call("GET", "/console/", null, null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<title>azsync console</title>"), page.body());
        assertFalse(page.body().contains(FakeAzure.TENANT) || page.body().contains(SUB), "the page itself holds no data");
        assertEquals(200, call("GET", "/console/console.js", null, null).statusCode());
        assertEquals(401, call("GET", "/api/summary", null, null).statusCode(), "the data needs the token");
        assertEquals(401, call("POST", "/api/connector-tests", null, "{}").statusCode());
        assertEquals(401, call("POST", "/console/", null, "{}").statusCode(), "only GET is open");
    }

    @Test
    void aConnectorOfTheEnvironmentOrFileIsReadOnlyOverTheApi() throws Exception {
        String body = "{\"name\": \"main\", \"tenantId\": \"" + FakeAzure.TENANT + "\", \"clientId\": \"" + FakeAzure.CLIENT_ID + "\"}";
        for (String[] change : new String[][] {{"PUT", body}, {"PATCH", "{\"enabled\": false}"}, {"DELETE", null}}) {
            HttpResponse<String> r = call(change[0], "/api/connectors/main", TOKEN, change[1]);
            assertEquals(409, r.statusCode(), change[0] + " " + r.body());
            assertTrue(r.body().contains("read-only over the API"), r.body());
        }
        assertEquals("file", json(call("GET", "/api/connectors/main", TOKEN, null)).path("managedBy").asText());
        assertEquals(404, call("DELETE", "/api/connectors/nobody", TOKEN, null).statusCode());
    }

    @Test
    void healthNeedsNoTokenRevealsNothingWithoutItAndReportsTheDatabaseWithIt() throws Exception {
        HttpResponse<String> r = call("GET", "/api/health", null, null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":\"UP\"}", r.body(), "no checks, URLs, pool figures, routes or connector names without the token");

        HttpResponse<String> detailed = call("GET", "/api/health", TOKEN, null);
        assertEquals("UP", json(detailed).path("checks").path("azsync:database").path("state").asText(), detailed.body());
        assertTrue(detailed.body().contains("freshness-main"), detailed.body());
    }

    @Test
    void healthAnswersPromptlyWhenTheDatabaseHangs() throws Exception {
        try (var locker = db.connect(); var st = locker.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
            st.execute("BEGIN EXCLUSIVE");   // the sink database stops answering azsync (its busy timeout is 30 s)
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                    .header("Authorization", "Bearer " + TOKEN).timeout(java.time.Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(json(r).path("checks").path("azsync:database").path("message").asText().contains("did not answer within"), r.body());
            st.execute("ROLLBACK");
        }
    }

    @Test
    void aTokenInTheUrlIsRefusedEvenWhenItIsRight() throws Exception {
        String encoded = java.net.URLEncoder.encode("Bearer " + TOKEN, StandardCharsets.UTF_8);
        for (String query : new String[] {"?authorization=" + encoded, "?Authorization=" + encoded, "?access_token=" + TOKEN}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/connectors" + query)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), query);
            assertTrue(r.body().contains("Authorization header only, never in the URL"), r.body());
            assertFalse(r.body().contains(TOKEN));
        }
    }

    /** Sends a request line and headers only (the body never comes) and returns the status line of the answer. */
    String statusBeforeTheBody(String head) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Host: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void anUnauthenticatedBodyIsNeverReadAndOversizedBodiesAreRefusedBeforeTheyArrive() throws Exception {
        // a server that buffered the body before checking the token would wait for these 10 MiB, and time out
        for (int i = 0; i < 60; i++) {
            assertEquals("HTTP/1.1 401 Unauthorized", statusBeforeTheBody("POST /api/reload HTTP/1.1\r\nContent-Length: 10485760\r\n"));
        }
        assertEquals("HTTP/1.1 413 Request Entity Too Large", statusBeforeTheBody("POST /api/connectors/main/sync HTTP/1.1\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 65536\r\n"));
        assertEquals("HTTP/1.1 413 Request Entity Too Large", statusBeforeTheBody("POST /api/reload HTTP/1.1\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 4096\r\n"));
        assertEquals(200, call("GET", "/api/health", null, null).statusCode(), "the API still answers");
        assertEquals(1, db.count("SELECT COUNT(*) FROM sync_runs"), "nothing was started");
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndTheApiServesAgainOnceTheyGo() throws Exception {
        URI uri = URI.create(base);
        java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 256; i++) {
                held.add(new java.net.Socket(uri.getHost(), uri.getPort()));
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
                try (java.net.Socket extra = new java.net.Socket(uri.getHost(), uri.getPort())) {
                    extra.setSoTimeout(5_000);
                    extra.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals(-1, extra.getInputStream().read(), "a connection beyond the cap is closed, not served");
                } catch (java.net.SocketException closed) {
                    // reset by the server: closed as well
                }
            });
        } finally {
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> call("GET", "/api/health", null, null).statusCode() == 200);
    }

    @Test
    void slowHeaderClientsAreDisconnected() throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket slow = new java.net.Socket(uri.getHost(), uri.getPort())) {
            slow.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            slow.setSoTimeout((int) java.time.Duration.ofSeconds(30).toMillis());
            // the headers never end: the server closes the connection (end of stream) after its header timeout
            assertEquals(-1, slow.getInputStream().read());
        }
    }

    @Test
    void everythingElseRefusesAMissingOrWrongTokenWithoutDetail() throws Exception {
        for (String path : new String[] {"/api/connectors", "/api/connectors/main", "/api/connectors/main/runs", "/metrics", "/api/openapi.json"}) {
            HttpResponse<String> none = call("GET", path, null, null);
            assertEquals(401, none.statusCode(), path);
            assertEquals("{\"error\":\"unauthorized\"}", none.body());
            assertEquals(401, call("GET", path, TOKEN + "x", null).statusCode(), path);
        }
        assertEquals(401, call("POST", "/api/connectors/main/sync", "nope", "{}").statusCode());
        assertEquals(1, db.count("SELECT COUNT(*) FROM sync_runs"), "a refused call starts nothing (the one run is the start-up sync)");
    }

    @Test
    void connectorsAreListedWithoutSecretsAndUnknownOnesAre404() throws Exception {
        HttpResponse<String> list = call("GET", "/api/connectors", TOKEN, null);
        assertEquals(200, list.statusCode());
        JsonNode c = json(list).get(0);
        assertEquals("main", c.path("name").asText());
        assertEquals("Scheduled", c.path("state").asText());
        assertEquals(FakeAzure.CLIENT_ID, c.path("clientId").asText());
        assertTrue(c.path("credential").asText().startsWith("client secret of application"));
        assertEquals("every 4h", c.path("schedules").path("azure").asText());
        assertTrue(c.hasNonNull("nextFireTime"));

        HttpResponse<String> unknown = call("GET", "/api/connectors/nope", TOKEN, null);
        assertEquals(404, unknown.statusCode());
        assertTrue(json(unknown).path("error").asText().contains("unknown connector 'nope' (connectors: main)"));
        assertTrue(call("GET", "/api/openapi.json", TOKEN, null).body().contains("\"openapi\": \"3.0.3\""));
    }

    @Test
    void syncNowAnswers202WithRunIdsRefusesOverlapAndShowsInHistory() throws Exception {
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.throttled("2"));
        HttpResponse<String> accepted = call("POST", "/api/connectors/main/sync", TOKEN, null);
        assertEquals(202, accepted.statusCode(), accepted.body());
        long runId = json(accepted).path("runIds").get(0).asLong();
        assertTrue(runId > 0);

        HttpResponse<String> busy = call("POST", "/api/connectors/main/sync", TOKEN, "{}");
        assertEquals(409, busy.statusCode(), busy.body());
        assertTrue(json(busy).path("error").asText().contains("already syncing"));

        waitForRuns(2);
        HttpResponse<String> runs = call("GET", "/api/connectors/main/runs?limit=5", TOKEN, null);
        assertEquals(200, runs.statusCode());
        JsonNode run = json(runs).get(0);
        assertEquals(runId, run.path("runId").asLong());
        assertEquals("api", run.path("startedBy").asText());
        assertEquals("succeeded", run.path("state").asText());
        assertEquals(1, run.path("recordsRead").asInt());
        assertEquals("schedule", json(runs).get(1).path("startedBy").asText(), "the start-up sync");

        HttpResponse<String> metrics = call("GET", "/metrics", TOKEN, null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("azsync_connector_last_records_read{connector=\"main\"} 1.0"), metrics.body());
    }

    @Test
    void duplicateStreamNamesQueueOneRunAndAStreamAnotherProcessRunsIs409NamingIt() throws Exception {
        String body = "{\"streams\": [" + String.join(", ", java.util.Collections.nCopies(300, "\"azure-virtual-machines\"")) + "]}";
        HttpResponse<String> accepted = call("POST", "/api/connectors/main/sync", TOKEN, body);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(1, json(accepted).path("runIds").size(), accepted.body());
        waitForRuns(2);
        assertEquals(2, db.count("SELECT COUNT(*) FROM sync_runs"), "the start-up run and one api run");

        // another process (a CLI sync beside the service, another node) holds the stream
        String other = "4242@another-node#cafe0001";
        db.execute("INSERT INTO azsync_processes (holder, started_at, heartbeat_at, expires_ms) VALUES ('" + other + "', "
                + "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', " + (System.currentTimeMillis() + 60_000) + ")");
        db.execute("INSERT INTO stream_leases (connector, stream, holder, run_id, acquired_at) VALUES ('main', "
                + "'azure-virtual-machines', '" + other + "', 99, '2026-01-01T00:00:00Z')");
        HttpResponse<String> busy = call("POST", "/api/connectors/main/sync", TOKEN, "{}");
        assertEquals(409, busy.statusCode(), busy.body());
        assertTrue(json(busy).path("error").asText().contains("already running in process " + other), busy.body());
        assertEquals(2, db.count("SELECT COUNT(*) FROM sync_runs"), "a refused request queues nothing");
    }

    @Test
    void anAzureErrorEchoingSecretsIsMaskedInTheLedgerTheApiJmxAndTheLogs() throws Exception {
        String echo = "{\"error\":{\"code\":\"BadRequest\",\"message\":\"rejected request with client_secret="
                + FakeAzure.CLIENT_SECRET + " and Authorization: Bearer " + TOKEN + "\"}}";
        // the VM query's counting query passes (it sizes the query's id partitions); its page is refused
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.PASS, Answer.status(400, echo));

        assertEquals(202, call("POST", "/api/connectors/main/sync", TOKEN, null).statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> db.count("SELECT COUNT(*) FROM sync_runs WHERE state = 'failed'") == 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !service.services().get("main").isRunning());

        String stored = String.valueOf(db.single("SELECT error FROM sync_runs WHERE state = 'failed'").get("error"));
        assertTrue(stored.contains("client_secret=****") && stored.contains("Bearer ****"), stored);
        String state = String.valueOf(db.single("SELECT last_error FROM connector_states").get("last_error"));
        assertFalse(state.contains(FakeAzure.CLIENT_SECRET) || state.contains(TOKEN), state);
        // call() fails on a secret in any answer
        assertTrue(call("GET", "/api/connectors/main/runs", TOKEN, null).body().contains("client_secret=****"));
        assertTrue(call("GET", "/api/connectors/main", TOKEN, null).body().contains("client_secret=****"));
        Object jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .getAttribute(io.azsync.service.ConnectorJmx.objectName("main"), "LastError");
        assertTrue(String.valueOf(jmx).contains("client_secret=****"), String.valueOf(jmx));
        // tearDown checks the logs
    }

    @Test
    void badInputIs400WithTheReason() throws Exception {
        HttpResponse<String> badJson = call("POST", "/api/connectors/main/sync", TOKEN, "{streams: ");
        assertEquals(400, badJson.statusCode());
        assertTrue(json(badJson).path("error").asText().startsWith("the body is not one JSON object"), badJson.body());
        for (String[] bad : new String[][] {
                {"{\"full\": true} trailing", "not one JSON object"},
                {"{\"full\": true, \"full\": false}", "Duplicate field 'full'"},
                {"{\"full\": \"yes\"}", "full must be true or false"},
                {"{\"streams\": [1]}", "streams must be a list of stream names"},
                {"{\"stream\": [\"azure-virtual-machines\"]}", "unknown field 'stream'"}}) {
            HttpResponse<String> r = call("POST", "/api/connectors/main/sync", TOKEN, bad[0]);
            assertEquals(400, r.statusCode(), bad[0] + " -> " + r.body());
            assertTrue(json(r).path("error").asText().contains(bad[1]), bad[0] + " -> " + r.body());
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM sync_runs"), "no bad request queued a run");
        HttpResponse<String> badStream = call("POST", "/api/connectors/main/sync", TOKEN, "{\"streams\": [\"entra-users\"]}");
        assertEquals(400, badStream.statusCode());
        assertTrue(json(badStream).path("error").asText().contains("is not enabled for connector main"), badStream.body());
        assertEquals(400, call("GET", "/api/connectors/main/runs?limit=lots", TOKEN, null).statusCode());
        HttpResponse<String> test = call("POST", "/api/connectors/main/test", TOKEN, null);
        assertEquals(200, test.statusCode(), test.body());
        assertTrue(json(test).path("ok").asBoolean(), test.body());
    }

    @Test
    void reloadAppliesAValidEditAndRefusesAnInvalidOneKeepingTheRunningVersion() throws Exception {
        Path map = dir.resolve("transform-maps/azure-virtual-machines.yaml");
        Files.writeString(map, Files.readString(map).replace("  vm_size: properties.hardwareProfile.vmSize",
                "  vm_size: properties.hardwareProfile.vmSize\n  vm_size_again: properties.hardwareProfile.vmSize"));
        HttpResponse<String> ok = call("POST", "/api/reload", TOKEN, null);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(202, call("POST", "/api/connectors/main/sync", TOKEN, null).statusCode());
        waitForRuns(2);
        assertEquals("Standard_D2s_v5", db.single("SELECT vm_size_again FROM azure_virtual_machines").get("vm_size_again"));

        Files.writeString(map, Files.readString(map).replace("vm_size_again: properties.hardwareProfile.vmSize",
                "vm_size_again: { path: properties.hardwareProfile.vmSize, type: size }"));
        HttpResponse<String> refused = call("POST", "/api/reload", TOKEN, null);
        assertEquals(400, refused.statusCode());
        assertTrue(json(refused).path("problems").get(0).asText().startsWith(map + ":"), refused.body());
        assertTrue(refused.body().contains("unknown type 'size'"), refused.body());
        assertEquals(202, call("POST", "/api/connectors/main/sync", TOKEN, null).statusCode());
        waitForRuns(3);
        assertEquals("succeeded", db.single("SELECT state FROM sync_runs ORDER BY run_id DESC LIMIT 1").get("state"),
                "the running version still syncs");
    }

    @Test
    void theApiRefusesToStartWithoutAToken() {
        Map<String, String> env = env(1);
        env.remove("AZSYNC_API_TOKEN");
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigurationException.class,
                () -> AzsyncRuntime.start(Settings.load(env, null), true));
        assertTrue(e.getMessage().contains("set AZSYNC_API_TOKEN"), e.getMessage());
    }
}
