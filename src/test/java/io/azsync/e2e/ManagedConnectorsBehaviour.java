package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ServiceMode;
import io.azsync.testing.CliRun;
import io.azsync.testing.TestDatabase;

/**
 * Connectors managed over the REST API, against a service that starts with none: created,
 * validated field by field, scheduled only after a passing test, changed, deleted, audited, kept
 * across a restart with their credentials encrypted, and never shown. Subclasses pick the database.
 */
abstract class ManagedConnectorsBehaviour {

    static final String SUB = "7a7a7a7a-0000-4000-8000-00000000abcd";
    static final String TOKEN = "api-token-managed-5b7e2d9c1f";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    AzsyncRuntime runtime;
    ServiceMode service;
    String base;
    int port;
    String key = newKey();
    boolean clustered;
    final HttpClient http = HttpClient.newHttpClient();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream originalErr;
    Map<String, String> dirs;

    abstract TestDatabase database(Path dir);

    static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    @BeforeEach
    void setUp() throws Exception {
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm-managed", null));
        db = database(dir);
        dirs = io.azsync.testing.ProjectFiles.copyTo(dir);
        originalErr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
    }

    /** The service's environment: no connectors file and no AZURE_* credential, only the key and the API token. */
    Map<String, String> env(String secretKey) {
        Map<String, String> env = new java.util.LinkedHashMap<>(azure.env());
        List.of("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_AUTHORITY_HOST", "AZSYNC_ARM_ENDPOINT",
                "AZSYNC_GRAPH_ENDPOINT").forEach(env::remove);
        env.putAll(db.env());
        env.putAll(dirs);
        env.put("AZSYNC_API_TOKEN", TOKEN);
        env.put("AZSYNC_API_PORT", String.valueOf(port));
        env.put("AZSYNC_CONNECTORS_FILE", dir.resolve("no-connectors.yaml").toString());
        if (secretKey != null) {
            env.put("AZSYNC_SECRET_KEY", secretKey);
        }
        env.put("AZSYNC_CONNECTORS_REFRESH", "PT0.2S");
        if (clustered) {
            env.put("AZSYNC_CLUSTERED", "true");
        }
        return env;
    }

    void start(String secretKey) {
        runtime = AzsyncRuntime.start(Settings.load(env(secretKey), null), true);
        service = ServiceMode.start(runtime, Clock.systemUTC());
    }

    void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @AfterEach
    void tearDown() {
        stop();
        System.setErr(originalErr);
        String all = logs.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains(FakeAzure.CLIENT_SECRET), "the client secret leaked into the logs");
        assertFalse(all.contains(key), "the secret key leaked into the logs");
        azure.close();
        db.close();
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(response.body().contains(FakeAzure.CLIENT_SECRET), "the client secret in the answer to " + method + " " + path);
        return response;
    }

    /** A connector of the fake tenant, as an administrator would send it. */
    ObjectNode connector(String name) {
        ObjectNode c = JSON.createObjectNode();
        c.put("name", name);
        c.put("description", "the simulated tenant");
        c.put("tenantId", FakeAzure.TENANT);
        c.put("clientId", FakeAzure.CLIENT_ID);
        c.put("clientSecret", FakeAzure.CLIENT_SECRET);
        c.putObject("endpoints").put("authority", azure.url() + "/").put("arm", azure.url()).put("graph", azure.url());
        c.putArray("streams").add("azure-virtual-machines");
        c.putObject("schedules").putObject("azure").put("every", "PT1H");
        return c;
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    List<String> actions(String name) throws Exception {
        List<String> out = new ArrayList<>();
        json(call("GET", "/api/connectors/" + name + "/runs?limit=50", null)).forEach(n -> out.add(n.path("action").asText()));
        return out;
    }

    @Test
    void aConnectorCreatedOverTheApiIsScheduledOnlyAfterAPassingTestAndSyncs() throws Exception {
        start(key);
        assertEquals("[]", call("GET", "/api/connectors", null).body(), "the service starts with no connector at all");

        HttpResponse<String> created = call("POST", "/api/connectors", connector("contoso").toString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Registered", json(created).path("state").asText());
        assertEquals("api", json(created).path("managedBy").asText());
        assertFalse(json(created).path("activated").asBoolean());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs"), "not scheduled before a passing test");

        assertEquals(409, call("POST", "/api/connectors", connector("contoso").toString()).statusCode(), "the name exists");
        HttpResponse<String> twin = call("POST", "/api/connectors", connector("contoso-twin").toString());
        assertEquals(409, twin.statusCode(), "two connectors of one tenant would share rows: " + twin.body());
        assertTrue(twin.body().contains("contoso"), twin.body());

        HttpResponse<String> early = call("POST", "/api/connectors/contoso/sync", "{}");
        assertEquals(409, early.statusCode(), "no sync before a passing test: " + early.body());
        assertTrue(early.body().contains("has not passed a test yet"), early.body());

        HttpResponse<String> test = call("POST", "/api/connectors/contoso/test", null);
        assertTrue(json(test).path("ok").asBoolean(), test.body());
        // activated: scheduled, and a connector that never ran syncs once at once
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> db.count("SELECT COUNT(*) FROM sync_runs WHERE connector = 'contoso' AND state = 'succeeded'") >= 1);
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE connector = 'contoso' AND name = 'vm-managed'"));
        JsonNode shown = json(call("GET", "/api/connectors/contoso", null));
        assertTrue(shown.path("activated").asBoolean(), shown.toString());
        assertFalse(shown.path("nextFireTime").isNull(), shown.toString());
        assertTrue(actions("contoso").containsAll(List.of("created", "tested", "activated", "synced")), actions("contoso").toString());
        assertTrue(call("GET", "/api/health", null).body().contains("freshness-contoso"), "a connector added over the API is checked too");

        String dump = db.dump();
        assertTrue(dump.contains("managed_connectors"), "the dump holds the connector table");
        assertFalse(dump.contains(FakeAzure.CLIENT_SECRET), "the client secret is in the database in clear");
        assertNoSecretInJmx();
    }

    void assertNoSecretInJmx() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : jmx.queryNames(new ObjectName("io.azsync:*"), null)) {
            for (MBeanAttributeInfo a : jmx.getMBeanInfo(name).getAttributes()) {
                Object value;
                try {
                    value = jmx.getAttribute(name, a.getName());
                } catch (Exception e) {
                    continue;
                }
                assertFalse(String.valueOf(value).contains(FakeAzure.CLIENT_SECRET), name + " " + a.getName());
            }
        }
    }

    @Test
    void everyProblemOfABadDefinitionIsNamedByItsField() throws Exception {
        start(key);
        ObjectNode bad = connector("Bad Name");
        bad.put("tenantId", "not-a-tenant!");
        bad.remove("clientSecret");
        bad.putArray("streams").add("azure-nothing");
        bad.putObject("schedules").putObject("azure").put("every", "P3D");
        bad.put("colour", "blue");
        HttpResponse<String> r = call("POST", "/api/connectors", bad.toString());
        assertEquals(400, r.statusCode(), r.body());
        List<String> fields = new ArrayList<>();
        json(r).path("problems").forEach(p -> fields.add(p.path("field").asText()));
        assertTrue(fields.containsAll(List.of("name", "tenantId", "clientSecret", "streams[0]", "schedules.azure", "colour")), r.body());
        assertEquals("[]", call("GET", "/api/connectors", null).body(), "nothing was created");

        // malformed JSON: the answer says where, and never quotes the text (it may be a secret)
        HttpResponse<String> broken = call("POST", "/api/connectors", "{\"name\": \"x\", \"clientSecret\": Zq9-unquoted-secret}");
        assertEquals(400, broken.statusCode(), broken.body());
        assertTrue(broken.body().contains("line 1"), broken.body());
        assertFalse(broken.body().contains("Zq9-unquoted-secret"), broken.body());
    }

    @Test
    void activationWithoutTestChangeDisableAndDeleteAreAuditedAndRowsStay() throws Exception {
        start(key);
        ObjectNode c = connector("fabrikam");
        c.put("activate", "without-test");
        assertEquals(201, call("POST", "/api/connectors", c.toString()).statusCode());
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> db.count("SELECT COUNT(*) FROM sync_runs WHERE connector = 'fabrikam' AND state = 'succeeded'") >= 1);

        // PUT without the secret keeps the stored one: the connector still signs in
        ObjectNode changed = connector("fabrikam");
        changed.remove("clientSecret");
        changed.put("description", "renamed in the console");
        HttpResponse<String> put = call("PUT", "/api/connectors/fabrikam", changed.toString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("renamed in the console", json(put).path("description").asText());
        assertTrue(json(call("POST", "/api/connectors/fabrikam/test", null)).path("ok").asBoolean(), "the kept secret still works");

        // the stored secret is never sent elsewhere: a new endpoint without the secret is refused ...
        ObjectNode elsewhere = connector("fabrikam");
        elsewhere.remove("clientSecret");
        ((ObjectNode) elsewhere.get("endpoints")).put("authority", "https://login.elsewhere.example/");
        HttpResponse<String> refused = call("PUT", "/api/connectors/fabrikam", elsewhere.toString());
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("send the client secret (or certificate) again"), refused.body());
        assertFalse(String.valueOf(db.single("SELECT definition FROM managed_connectors WHERE name = 'fabrikam'").get("definition"))
                .contains("elsewhere"), "nothing was stored");
        // ... and with it, the connector has to pass a test again before it is scheduled
        ObjectNode moved = connector("fabrikam");
        moved.put("tenantId", "0f0f0f0f-0000-4000-8000-000000000abc");
        HttpResponse<String> reentered = call("PUT", "/api/connectors/fabrikam", moved.toString());
        assertEquals(200, reentered.statusCode(), reentered.body());
        assertFalse(json(reentered).path("activated").asBoolean(), "a new tenant means a new test");
        ObjectNode back = connector("fabrikam");
        assertEquals(200, call("PUT", "/api/connectors/fabrikam", back.toString()).statusCode());
        assertTrue(json(call("POST", "/api/connectors/fabrikam/test", null)).path("ok").asBoolean());

        HttpResponse<String> patch = call("PATCH", "/api/connectors/fabrikam", "{\"enabled\": false}");
        assertEquals(200, patch.statusCode(), patch.body());
        assertEquals("Disabled", json(patch).path("state").asText());
        assertEquals(400, call("PATCH", "/api/connectors/fabrikam", "{\"tenantId\": \"" + FakeAzure.TENANT + "\"}").statusCode(),
                "PATCH takes enabled and schedules only");

        HttpResponse<String> deleted = call("DELETE", "/api/connectors/fabrikam", null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(404, call("GET", "/api/connectors/fabrikam", null).statusCode());
        assertEquals("Removed", db.single("SELECT state FROM connector_states WHERE connector = 'fabrikam'").get("state"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE connector = 'fabrikam'"), "its rows stay");
        List<Object> history = db.query("SELECT action FROM connector_events WHERE connector = 'fabrikam' ORDER BY id").stream()
                .map(r -> r.get("action")).toList();
        assertEquals(List.of("created", "updated", "tested", "updated", "updated", "tested", "activated", "disabled", "deleted"), history);
        assertEquals(0, db.count("SELECT COUNT(*) FROM managed_connectors"), "definition and credential are gone");
    }

    @Test
    void aRestartKeepsTheConnectorAWrongKeyIsAClearErrorAndRotationMovesToANewKey() throws Exception {
        start(key);
        assertEquals(201, call("POST", "/api/connectors", connector("northwind").toString()).statusCode());
        assertTrue(json(call("POST", "/api/connectors/northwind/test", null)).path("ok").asBoolean());
        stop();

        start(key);
        JsonNode kept = json(call("GET", "/api/connectors/northwind", null));
        assertEquals("northwind", kept.path("name").asText(), kept.toString());
        assertTrue(kept.path("activated").asBoolean(), "activation survives a restart");
        stop();

        InvalidConfigurationException wrong = assertThrows(InvalidConfigurationException.class, () -> start(newKey()));
        assertTrue(wrong.getMessage().contains("sealed with key") && wrong.getMessage().contains("azsync secrets rotate"), wrong.getMessage());
        stop();
        InvalidConfigurationException none = assertThrows(InvalidConfigurationException.class, () -> start(null));
        assertTrue(none.getMessage().contains("northwind") && none.getMessage().contains("AZSYNC_SECRET_KEY"), none.getMessage());
        stop();

        String newKey = newKey();
        Map<String, String> rotate = env(key);
        rotate.put("AZSYNC_NEW_SECRET_KEY", newKey);
        CliRun rotated = CliRun.run(rotate, "secrets", "rotate");
        assertEquals(0, rotated.exitCode(), rotated.toString());
        assertTrue(rotated.out().contains("Re-encrypted 1 connector credential(s)"), rotated.out());
        assertFalse(rotated.toString().contains(newKey) || rotated.toString().contains(key), "no key is printed");
        CliRun list = CliRun.run(env(newKey), "connectors");
        assertTrue(list.out().matches("(?s).*northwind\\s+true\\s+\\S+.*api.*"), list.out());
        CliRun validate = CliRun.run(env(newKey), "validate");
        assertEquals(0, validate.exitCode(), validate.toString());
        assertTrue(validate.out().contains("Connectors created over the API (in the database): northwind"), validate.out());

        key = newKey;
        start(newKey);
        assertTrue(json(call("POST", "/api/connectors/northwind/test", null)).path("ok").asBoolean(), "the secret opens under the new key");
    }

    @Test
    void aConnectorAnotherNodeCreatesOrDeletesIsPickedUpWithoutARestart() throws Exception {
        start(key);
        ObjectNode c = connector("woodgrove");
        try (io.azsync.sink.Database other = io.azsync.sink.Database.open(db.url(), db.user(), db.password())) {
            // another node of the cluster writes to the same database
            io.azsync.registry.ConnectorRegistry registry = new io.azsync.registry.ConnectorRegistry(other);
            assertTrue(registry.create(io.azsync.registry.ConnectorDefinition.parse(c, null, true, List.of("azure-virtual-machines")),
                    io.azsync.config.SecretBox.of(key, "test"), true, "node-b"));
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> db.count("SELECT COUNT(*) FROM sync_runs WHERE connector = 'woodgrove' AND state = 'succeeded'") >= 1);
            assertEquals("api", json(call("GET", "/api/connectors/woodgrove", null)).path("managedBy").asText());

            assertTrue(registry.delete("woodgrove"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", "/api/connectors/woodgrove", null).statusCode() == 404);
        }
    }

    @Test
    void aDefinitionEditedInTheDatabaseNoLongerOpensItsSecret() throws Exception {
        start(key);
        assertEquals(201, call("POST", "/api/connectors", connector("tampered").toString()).statusCode());
        stop();
        // someone with write access to the database points the connector at another login host
        db.execute("UPDATE managed_connectors SET definition = replace(definition, '" + azure.url() + "/', 'https://login.elsewhere.example/') "
                + "WHERE name = 'tampered'");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> start(key));
        assertTrue(e.getMessage().contains("tampered") && e.getMessage().contains("does not open"), e.getMessage());
    }

    @Test
    void withoutAKeyACredentialIsRefusedWithTheFix() throws Exception {
        start(null);
        HttpResponse<String> r = call("POST", "/api/connectors", connector("contoso").toString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("AZSYNC_SECRET_KEY") && r.body().contains("openssl rand -base64 32"), r.body());
    }
}
