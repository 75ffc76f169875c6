package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.ChildAzsync;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * A newcomer who runs `azsync sync` before configuring a credential: azure-identity falls back to a
 * managed identity, which this machine does not have (its endpoint, here on loopback, answers 404):
 * one line naming the variables to set and `azsync demo`, exit 2, before any stream.
 */
class FirstMinuteTest {

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    ChildAzsync sync;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription("a7a7a7a7-0000-4000-8000-000000000001");
        azure.add(FakeResources.virtualMachine("a7a7a7a7-0000-4000-8000-000000000001", "rg", "vm-1", null));
        db = TestDatabase.sqlite(dir);
    }

    @AfterEach
    void tearDown() {
        if (sync != null) {
            sync.kill();
        }
        azure.close();
        db.close();
    }

    @Test
    void withoutACredentialSyncSaysOnceWhatToSetAndExitsTwo() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(ProjectFiles.env(azure, db));
        env.remove("AZURE_CLIENT_SECRET");
        env.remove("AZURE_CLIENT_ID");
        // the managed-identity endpoint a host without one would not have: kept on loopback, it answers 404
        env.put("IDENTITY_ENDPOINT", azure.url() + "/msi/token");
        env.put("IDENTITY_HEADER", "no-identity-here");

        sync = ChildAzsync.start(env, dir.resolve("sync.log"), "sync");

        assertEquals(2, sync.waitFor(), sync.output());
        String out = sync.output();
        assertTrue(out.contains("no Azure credential is configured and this machine has no managed identity"), out);
        assertTrue(out.contains("AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET") && out.contains("azsync demo"), out);
        assertEquals(1, out.split("no Azure credential is configured", -1).length - 1, "said once, not once per stream:\n" + out);
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs"), "no stream started");
        assertTrue(azure.requests().stream().anyMatch(r -> r.path().startsWith("/msi/token")), "the managed identity was asked, on loopback");
    }
}
