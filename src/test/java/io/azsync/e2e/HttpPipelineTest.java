package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/** What azure-core's pipeline adds to every Azure call: a request id, azsync's user agent, gzip, and logs without the token. */
class HttpPipelineTest {

    static final String SUB = "5d5e6f70-0000-4000-8000-00000000beef";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        for (int i = 0; i < 3; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", "vm" + i, null));
        }
        db = TestDatabase.sqlite(dir);
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    @Test
    void everyCallCarriesItsOwnRequestIdAndAzsyncsUserAgent() {
        CliRun run = CliRun.run(ProjectFiles.env(azure, db), "sync", "--stream", "azure-virtual-machines", "--stream", "entra-users");

        assertEquals(0, run.exitCode(), run.toString());
        List<FakeAzure.Request> calls = azure.requests().stream().filter(r -> !r.api().equals(FakeAzure.TOKEN)).toList();
        assertTrue(calls.size() >= 3, calls.toString());
        assertEquals(calls.size(), calls.stream().map(r -> r.header("x-ms-client-request-id")).distinct().count(),
                "one request id per call");
        for (FakeAzure.Request call : calls) {
            assertTrue(call.header("User-Agent").startsWith("azsync/"), call.header("User-Agent"));
            assertEquals("gzip", call.header("Accept-Encoding"));
        }
    }

    @Test
    void anApiNobodyAnswersOnIsNamedWithTheCauseAndTheFixAndTheOtherStreamsStillLoad() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();   // nothing listens there once it is closed
        }
        Map<String, String> env = ProjectFiles.env(azure, db);
        env.put("AZSYNC_GRAPH_ENDPOINT", "https://127.0.0.1:" + closed);
        env.put("AZSYNC_RETRY_MAX_ATTEMPTS", "2");
        env.put("AZSYNC_RETRY_BASE_DELAY", "PT0.05S");

        CliRun run = CliRun.run(env, "sync", "--stream", "azure-virtual-machines", "--stream", "entra-users");

        assertTrue(run.exitCode() != 0, run.toString());
        assertTrue(run.toString().contains("cannot reach Microsoft Graph at 127.0.0.1 ("), run.toString());
        assertTrue(run.toString().contains("after 2 attempts: check the network, the proxy and the endpoint settings"), run.toString());
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_virtual_machines"), "the Resource Graph stream is not held back");
    }

    @Test
    void headerLoggingAskedForRedactsTheToken() {
        Map<String, String> env = ProjectFiles.env(azure, db);
        env.put("AZSYNC_HTTP_LOG", "headers");

        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        CliRun run;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");
        } finally {
            System.setErr(stderr);
        }

        assertEquals(0, run.exitCode(), run.toString());
        String token = azure.requests(FakeAzure.RESOURCE_GRAPH).get(0).header("Authorization").substring("Bearer ".length());
        String logs = run.out() + run.err() + captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logs.contains("x-ms-client-request-id"), "the headers are logged:\n" + logs);
        assertTrue(java.util.regex.Pattern.compile("\"redactedHeaders\":\"[^\"]*Authorization").matcher(logs).find(),
                "the Authorization header is named as redacted:\n" + logs);
        assertFalse(logs.contains(token), "the access token is never logged");
    }
}
