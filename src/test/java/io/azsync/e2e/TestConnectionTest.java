package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.testing.CliRun;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.TestDatabase;

/** test-connection and credential failures, through azure-identity against the fake Entra ID over HTTPS. */
class TestConnectionTest {

    static final String SUB = "5d5e6f70-0000-4000-8000-00000000abcd";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm1", null));
        db = TestDatabase.sqlite(dir);
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    Map<String, String> env() {
        return io.azsync.testing.ProjectFiles.env(azure, db);
    }

    @Test
    void allProbesPassWithAWorkingServicePrincipal() {
        CliRun run = CliRun.run(env(), "test-connection");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("PASS  authentication"), run.out());
        assertTrue(run.out().contains("PASS  subscriptions: 1 subscription(s) visible"), run.out());
        assertTrue(run.out().contains("PASS  azure-virtual-machines"), run.out());
        assertTrue(run.out().contains("PASS  entra-users: Microsoft Graph users readable (User.Read.All)"), run.out());
        assertTrue(run.out().contains("PASS  entra-groups: Microsoft Graph groups readable (Group.Read.All)"), run.out());
        assertTrue(run.out().contains("PASS  azure-role-assignments: Resource Graph query azure-role-assignments runs"), run.out());
        assertTrue(run.out().contains("PASS  entra-service-principals: Microsoft Graph servicePrincipals readable (Application.Read.All)"),
                run.out());
        assertTrue(run.out().contains("All 22 checks passed."), run.out());
        assertEquals(1, azure.requests(FakeAzure.TOKEN).size(), "one token serves every probe");
    }

    @Test
    void aWrongSecretIsNamedWithItsFixAndNeverPrinted() {
        Map<String, String> env = env();
        String wrongSecret = "Wr0ng~Secret.Value_that_must_not_leak";
        env.put("AZURE_CLIENT_SECRET", wrongSecret);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        CliRun run;
        CliRun sync;
        try {
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            run = CliRun.run(env, "test-connection");
            sync = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");
        } finally {
            System.setErr(originalErr);
        }

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL  authentication: Authentication failed (AADSTS7000215): the client secret is wrong: "
                + "use the secret's Value, not its ID"), run.out());
        assertEquals(1, sync.exitCode(), sync.toString());
        assertTrue(sync.out().contains("AADSTS7000215"), sync.out());
        assertEquals("failed", db.single("SELECT state FROM sync_runs").get("state"));
        for (String text : new String[] {run.all(), sync.all(), logs.toString(StandardCharsets.UTF_8),
                String.valueOf(db.single("SELECT error FROM sync_runs").get("error"))}) {
            assertFalse(text.contains(wrongSecret), "the secret leaked: " + text);
        }
    }

    @Test
    void anUnknownTenantIsNamed() {
        Map<String, String> env = env();
        env.put("AZURE_TENANT_ID", "00000000-0000-0000-0000-00000000dead");
        CliRun run = CliRun.run(env, "test-connection");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("AADSTS90002") && run.out().contains("check AZURE_TENANT_ID"), run.out());
    }

    @Test
    void aMissingReaderRoleIsNamedWithTheCommandThatFixesIt() {
        azure.forbidResourceGraph(true);
        CliRun run = CliRun.run(env(), "test-connection");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL  azure-virtual-machines: Resource Graph answered 403 AuthorizationFailed"), run.out());
        assertTrue(run.out().contains("assign the Reader role"), run.out());
        assertTrue(run.out().contains("az role assignment create"), run.out());
    }

    @Test
    void missingGraphPermissionsAreNamedOnePerStream() {
        azure.graph().deny("devices");
        azure.graph().deny("users");
        CliRun run = CliRun.run(env(), "test-connection");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL  entra-users: Microsoft Graph denied reading users (403 Authorization_RequestDenied): "
                + "grant the application the Microsoft Graph application permission User.Read.All"), run.out());
        assertTrue(run.out().contains("FAIL  entra-devices: Microsoft Graph denied reading devices") && run.out().contains("Device.Read.All"), run.out());
        assertTrue(run.out().contains("grant admin consent"), run.out());
        assertTrue(run.out().contains("PASS  entra-groups"), run.out());
        assertTrue(run.out().contains("2 check(s) failed."), run.out());
    }

    @Test
    void anExplicitSubscriptionThePrincipalCannotSeeIsNamed() {
        Map<String, String> env = env();
        env.put("AZSYNC_SUBSCRIPTIONS", SUB + ",99999999-0000-4000-8000-000000000000");
        CliRun run = CliRun.run(env, "test-connection");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL  subscriptions: not visible to the principal: 99999999-0000-4000-8000-000000000000"), run.out());
    }
}
