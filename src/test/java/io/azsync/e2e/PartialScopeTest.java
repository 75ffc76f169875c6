package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * One subscription becomes unreadable (the principal lost its Reader role): Resource Graph trims
 * it silently, so azsync must notice, refresh the other subscriptions, keep that one's rows (never
 * read them as deleted) and report the run as partial.
 */
class PartialScopeTest {

    static final String A = "d4d4d4d4-0000-4000-8000-00000000000a";
    static final String B = "d4d4d4d4-0000-4000-8000-00000000000b";
    static final String VMS = "azure-virtual-machines";

    FakeAzure azure;
    TestDatabase db;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(A).subscription(B);
        for (String sub : new String[] {A, B}) {
            for (int i = 0; i < 3; i++) {
                azure.add(FakeResources.virtualMachine(sub, "rg", "vm-" + sub.charAt(sub.length() - 1) + i, null));
            }
        }
        db = TestDatabase.postgres();
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Map<String, String> env(boolean explicitList) {
        Map<String, String> env = ProjectFiles.env(azure, db);
        if (explicitList) {
            env.put("AZSYNC_SUBSCRIPTIONS", A + "," + B);
        }
        return env;
    }

    /** A changes (one VM renamed, one removed) while B is forbidden. */
    void changeAAndForbidB() {
        azure.remove(FakeResources.vmId(A, "rg", "vm-a0"));
        azure.remove(FakeResources.vmId(A, "rg", "vm-a1"));
        azure.add(FakeResources.virtualMachine(A, "rg", "vm-a1", "renamed-a1"));
        azure.forbid(B);
    }

    @Test
    void anExplicitSubscriptionThatCannotBeReadKeepsItsRowsWhileTheOthersRefresh() {
        Map<String, String> env = env(true);
        assertEquals(0, CliRun.run(env, "sync", "--stream", VMS).exitCode());
        changeAAndForbidB();
        azure.clearRequests();

        CliRun run = CliRun.run(env, "sync", "--stream", VMS);

        assertEquals(3, run.exitCode(), "partial: " + run);
        assertTrue(run.out().contains(VMS + ": PARTIAL"), run.out());
        assertTrue(run.out().contains(B) && run.out().contains("--role Reader"), "names the subscription and the fix: " + run.out());
        assertRefreshedAAndKeptB();
        Map<String, Object> last = lastRun();
        assertEquals("partial", last.get("state"));
        assertTrue(String.valueOf(last.get("error")).contains(B), String.valueOf(last.get("error")));
        assertTrue(azure.requests(FakeAzure.RESOURCE_GRAPH).stream().noneMatch(r -> r.body().contains(B)),
                "the unreadable subscription is not queried");

        azure.allow(B);
        CliRun again = CliRun.run(env, "sync", "--stream", VMS);
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("succeeded", lastRun().get("state"));
        assertNull(lastRun().get("error"));
    }

    @Test
    void aSubscriptionThatDisappearsFromTheVisibleOnesIsNotReadAsEmpty() {
        Map<String, String> env = env(false);
        assertEquals(0, CliRun.run(env, "sync", "--stream", "azure-subscriptions", "--stream", VMS).exitCode());
        changeAAndForbidB();

        CliRun run = CliRun.run(env, "sync", "--stream", "azure-subscriptions", "--stream", VMS);

        assertEquals(3, run.exitCode(), "partial: " + run);
        assertRefreshedAAndKeptB();
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_subscriptions WHERE deleted_at IS NOT NULL"),
                "the subscription's own row is kept too");
        assertEquals(List.of("partial", "partial"), db.query("SELECT state FROM sync_runs WHERE run_id > 2 ORDER BY run_id").stream()
                .map(r -> r.get("state")).toList());
    }

    @Test
    void whenNoSubscriptionInScopeCanBeReadTheStreamFailsAndDeletesNothing() {
        Map<String, String> env = env(true);
        assertEquals(0, CliRun.run(env, "sync", "--stream", VMS).exitCode());
        azure.forbid(A).forbid(B).subscription("d4d4d4d4-0000-4000-8000-00000000000c");

        CliRun run = CliRun.run(env, "sync", "--stream", VMS);

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("no subscription in scope can be read") && run.out().contains("--role Reader"), run.out());
        assertEquals(0, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"));
        assertEquals("failed", lastRun().get("state"));
    }

    void assertRefreshedAAndKeptB() {
        assertEquals("renamed-a1", db.query("SELECT name FROM azure_virtual_machines WHERE id = ?",
                FakeResources.vmId(A, "rg", "vm-a1").toLowerCase()).get(0).get("name"), "A's change is loaded");
        assertEquals(1, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"),
                "only the VM removed from A is marked deleted");
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE subscription_id = '" + B + "' AND deleted_at IS NULL"),
                "B's rows are kept");
        assertEquals(3, db.count("SELECT COUNT(*) FROM azure_virtual_machines WHERE subscription_id = '" + B + "' AND last_run_id = "
                + "(SELECT MIN(run_id) FROM sync_runs WHERE stream = '" + VMS + "')"),
                "B's rows were not refreshed by the partial run");
    }

    Map<String, Object> lastRun() {
        return db.query("SELECT state, error FROM sync_runs WHERE stream = ? ORDER BY run_id DESC", VMS).get(0);
    }
}
