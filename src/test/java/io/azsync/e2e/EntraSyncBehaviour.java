package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.testing.CliRun;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeGraph;
import io.azsync.testing.TestDatabase;

/** Entra ID streams end to end: Microsoft Graph (fake, HTTPS) through the real routes into a real database. */
abstract class EntraSyncBehaviour {

    static final String USERS = "entra-users";

    FakeAzure azure;
    FakeGraph graph;
    TestDatabase db;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure();
        graph = azure.graph();
        db = database();
    }

    @AfterEach
    void tearDown() {
        azure.close();
        db.close();
    }

    Map<String, String> env() {
        return io.azsync.testing.ProjectFiles.env(azure, db);
    }

    static String uid(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    void addUsers(int n) {
        for (int i = 0; i < n; i++) {
            graph.put("users", FakeGraph.user(uid(i), "user" + i + "@contoso.example", "User " + i, true));
        }
    }

    CliRun sync(String... args) {
        return sync(env(), args);
    }

    CliRun sync(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "sync";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(env, all);
    }

    Map<String, Object> lastRun(String stream) {
        return db.single("SELECT * FROM sync_runs WHERE stream = ? ORDER BY run_id DESC LIMIT 1", stream);
    }

    static long n(Object value) {
        return ((Number) value).longValue();
    }

    @Test
    void aFirstSyncPagesThroughAllUsersWithOnlyTheSelectedFields() {
        addUsers(1200);
        graph.put("users", FakeGraph.user(uid(5000), "zoe_fabrikam.example#EXT#@contoso.onmicrosoft.com", "Zoë Ångström 李小龍", true));
        graph.put("users", FakeGraph.user(uid(5001), "disabled@contoso.example", "Disabled User", false));

        CliRun run = sync("--stream", USERS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1202, db.count("SELECT COUNT(*) FROM entra_users"));
        Map<String, Object> ledger = lastRun(USERS);
        assertEquals(2L, n(ledger.get("pages")), "999 + 203");
        assertEquals(1202L, n(ledger.get("records_written")));
        Map<String, Object> guest = db.single("SELECT * FROM entra_users WHERE id = ?", uid(5000));
        assertEquals("Zoë Ångström 李小龍", guest.get("display_name"));
        assertEquals("zoe_fabrikam.example#EXT#@contoso.onmicrosoft.com", guest.get("user_principal_name"));
        assertEquals("Guest", guest.get("user_type"));
        assertEquals("Security", guest.get("department"));
        assertFalse(String.valueOf(guest.get("raw")).contains("givenName"), "fields the map does not read are not requested");
        assertEquals(false, bool(db.single("SELECT account_enabled FROM entra_users WHERE id = ?", uid(5001)).get("account_enabled")));

        List<FakeAzure.Request> requests = azure.requests(FakeAzure.GRAPH);
        FakeAzure.Request first = requests.get(0);
        assertTrue(first.path().startsWith("/v1.0/users/delta?$select="), first.path());
        for (String field : new String[] {"accountEnabled", "userPrincipalName", "createdDateTime", "department", "id"}) {
            assertTrue(first.path().contains(field), first.path());
        }
        assertFalse(first.path().contains("givenName"));
        assertFalse(first.path().contains("$top"), "user delta takes no $top; the page size goes in Prefer");
        assertEquals("odata.maxpagesize=999", first.header("Prefer"));
        assertEquals("low", first.header("x-ms-throttle-priority"));
        assertTrue(requests.get(1).path().contains("$skiptoken="), "the nextLink is followed unchanged");
        assertNotNull(db.single("SELECT delta_link FROM sync_state WHERE stream = ?", USERS).get("delta_link"));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /**
     * A column renamed in a Graph map, under the same source field: the delta link no longer fits the map, so the next
     * run reads every user again, and every row gets the new column (its values are the same, its mapping is not).
     */
    @Test
    void aColumnRenamedInTheMapIsFilledForEveryUserByTheNextRun() throws Exception {
        addUsers(5);
        Map<String, String> env = new LinkedHashMap<>(env());
        env.putAll(io.azsync.testing.ProjectFiles.copyTo(dir));
        assertEquals(0, sync(env, "--stream", USERS).exitCode());
        java.nio.file.Path map = dir.resolve("transform-maps/entra-users.yaml");
        String yaml = java.nio.file.Files.readString(map);
        assertTrue(yaml.contains("  display_name: displayName\n"), yaml);
        java.nio.file.Files.writeString(map, yaml.replace("  display_name: displayName\n", "  shown_name: displayName\n"));

        CliRun run = sync(env, "--stream", USERS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(5, db.count("SELECT COUNT(*) FROM entra_users WHERE shown_name LIKE 'User %'"), "every user has the renamed column");
        assertEquals(5L, n(lastRun(USERS).get("records_written")));
        assertTrue(java.util.regex.Pattern.compile("entra-users +succeeded +full ").matcher(run.out()).find(), "read in full, not by delta: "
                + run.out());
    }

    @Test
    void aDeltaRunAppliesOnlyChangesKeepsUnchangedFieldsAndMarksRemovals() {
        addUsers(5);
        assertEquals(0, sync("--stream", USERS).exitCode());
        Object firstRun = lastRun(USERS).get("run_id");
        graph.update("users", uid(1), Map.of("displayName", "Renamed One"));
        graph.delete("users", uid(2));
        graph.put("users", FakeGraph.user(uid(9), "new@contoso.example", "New User", true));

        CliRun run = sync("--stream", USERS);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches("(?s).*entra-users\\s+succeeded\\s+delta.*"), run.out());
        String deltaRequest = azure.requests(FakeAzure.GRAPH).get(azure.requests(FakeAzure.GRAPH).size() - 1).path();
        assertTrue(deltaRequest.contains("$deltatoken="), deltaRequest);
        Map<String, Object> ledger = lastRun(USERS);
        assertEquals(3L, n(ledger.get("records_read")), "only the three changes are read");
        assertEquals(2L, n(ledger.get("records_written")));
        assertEquals(1L, n(ledger.get("records_deleted")));
        Map<String, Object> renamed = db.single("SELECT * FROM entra_users WHERE id = ?", uid(1));
        assertEquals("Renamed One", renamed.get("display_name"));
        assertEquals("user1@contoso.example", renamed.get("user_principal_name"), "a field Graph left out keeps its value");
        assertEquals("Security", renamed.get("department"));
        assertEquals(true, bool(renamed.get("account_enabled")));
        assertNotNull(db.single("SELECT deleted_at FROM entra_users WHERE id = ?", uid(2)).get("deleted_at"));
        assertEquals("New User", db.single("SELECT display_name FROM entra_users WHERE id = ?", uid(9)).get("display_name"));
        assertEquals(firstRun, db.single("SELECT last_run_id FROM entra_users WHERE id = ?", uid(3)).get("last_run_id"),
                "an unchanged user is not touched by a delta run, and not marked deleted");
        assertNull(db.single("SELECT deleted_at FROM entra_users WHERE id = ?", uid(3)).get("deleted_at"));

        CliRun quiet = sync("--stream", USERS);
        assertEquals(0, quiet.exitCode());
        assertEquals(0L, n(lastRun(USERS).get("records_read")));
        assertEquals(0L, n(lastRun(USERS).get("records_written")));
    }

    @Test
    void anExpiredDeltaTokenFallsBackToAFullSync() {
        addUsers(4);
        assertEquals(0, sync("--stream", USERS).exitCode());
        graph.expireDeltaTokens();
        graph.delete("users", uid(3));

        CliRun run = sync("--stream", USERS);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches("(?s).*entra-users\\s+succeeded\\s+full.*"), run.out());
        List<FakeAzure.Request> requests = azure.requests(FakeAzure.GRAPH);
        List<FakeAzure.Request> reads = requests.stream().filter(r -> !r.path().contains("$filter")).toList();
        assertTrue(reads.get(reads.size() - 2).path().contains("$deltatoken="));
        assertTrue(reads.get(reads.size() - 1).path().startsWith("/v1.0/users/delta?$select="), "restarted in full");
        assertTrue(requests.get(requests.size() - 1).path().contains("$filter=id+in"), "the user not seen was asked for again");
        assertEquals(3L, n(lastRun(USERS).get("records_read")));
        assertNotNull(db.single("SELECT deleted_at FROM entra_users WHERE id = ?", uid(3)).get("deleted_at"),
                "the full run marks what it did not see");
        assertEquals(0, sync("--stream", USERS).exitCode());
        assertTrue(azure.requests(FakeAzure.GRAPH).get(azure.requests(FakeAzure.GRAPH).size() - 1).path().contains("$deltatoken="),
                "the fallback stored a fresh delta link");
    }

    @Test
    void fullForcesAReconciliationDespiteAStoredDeltaLink() {
        addUsers(2);
        assertEquals(0, sync("--stream", USERS).exitCode());
        azure.clearRequests();

        CliRun run = sync("--stream", USERS, "--full");

        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(azure.requests(FakeAzure.GRAPH).get(0).path().contains("$deltatoken="));
        assertEquals(2L, n(lastRun(USERS).get("records_unchanged")));
    }

    @Test
    void aDeltaStreamIsReadInFullAgainOnceItsLastFullReadIsOlderThanTheReconciliationPeriod() {
        addUsers(2);
        assertEquals(0, sync("--stream", USERS).exitCode());
        assertEquals(0, sync("--stream", USERS).exitCode());
        assertTrue(azure.requests(FakeAzure.GRAPH).get(azure.requests(FakeAzure.GRAPH).size() - 1).path().contains("$deltatoken="),
                "the second run is a delta");

        // the last full read was eight days ago: beyond the default period of seven
        db.execute("UPDATE sync_state SET full_read_at = " + (db.url().startsWith("jdbc:sqlite:")
                ? "'" + java.time.Instant.now().minus(java.time.Duration.ofDays(8)) + "'" : "now() - interval '8 days'"));
        azure.clearRequests();
        CliRun third = sync("--stream", USERS);

        assertEquals(0, third.exitCode(), third.toString());
        assertFalse(azure.requests(FakeAzure.GRAPH).get(0).path().contains("$deltatoken="), "a full read");
        assertEquals(2L, n(lastRun(USERS).get("records_unchanged")));
        azure.clearRequests();
        assertEquals(0, sync("--stream", USERS).exitCode());
        assertTrue(azure.requests(FakeAzure.GRAPH).get(0).path().contains("$deltatoken="), "back to deltas after the full read");
    }

    @Test
    void graphThrottlingIsRetriedAfterRetryAfter() {
        addUsers(3);
        azure.script(FakeAzure.GRAPH, Answer.throttled("1"));

        CliRun run = sync("--stream", USERS);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2, azure.requests(FakeAzure.GRAPH).size());
        assertEquals(3, db.count("SELECT COUNT(*) FROM entra_users"));
    }

    @Test
    void aMissingPermissionFailsTheStreamNamingThePermission() {
        addUsers(1);
        graph.deny("users");
        CliRun run = sync("--stream", USERS);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("User.Read.All") && run.out().contains("admin consent"), run.out());
        assertTrue(String.valueOf(lastRun(USERS).get("error")).contains("User.Read.All"));
    }

    @Test
    void membershipsAreRowsAndTransitiveMembershipIsAView() {
        String a = uid(100);
        String b = uid(101);
        graph.put("groups", FakeGraph.group(a, "All Staff")).put("groups", FakeGraph.group(b, "Engineering"));
        graph.put("users", FakeGraph.user(uid(1), "u1@contoso.example", "U1", true));
        graph.put("users", FakeGraph.user(uid(2), "u2@contoso.example", "U2", true));
        graph.put("devices", FakeGraph.device(uid(50), uid(51), "laptop-1", true));
        graph.addMember(a, uid(1), "user").addMember(a, b, "group").addMember(b, uid(2), "user").addMember(b, uid(50), "device");

        CliRun run = sync("--stream", "entra-groups", "--stream", USERS, "--stream", "entra-devices");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2, db.count("SELECT COUNT(*) FROM entra_groups"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM entra_devices"));
        assertEquals(4, db.count("SELECT COUNT(*) FROM entra_group_members"));
        assertEquals("group", db.single("SELECT member_type FROM entra_group_members WHERE group_id = ? AND member_id = ?", a, b).get("member_type"));
        assertEquals("device", db.single("SELECT member_type FROM entra_group_members WHERE member_id = ?", uid(50)).get("member_type"));
        assertEquals(4, db.count("SELECT COUNT(*) FROM entra_group_members_transitive WHERE group_id = ?", a));
        assertEquals(2L, n(db.single("SELECT depth FROM entra_group_members_transitive WHERE group_id = ? AND member_id = ?", a, uid(2)).get("depth")));
        List<FakeAzure.Request> groupReads = azure.requests(FakeAzure.GRAPH).stream()
                .filter(r -> r.path().startsWith("/v1.0/groups/delta")).toList();
        assertEquals(1, groupReads.size(), "groups and their members come from one read: " + groupReads);
        assertTrue(groupReads.get(0).path().contains("displayName") && groupReads.get(0).path().contains("members"), groupReads.get(0).path());

        graph.removeMember(a, uid(1));
        graph.delete("groups", b);
        assertEquals(0, sync("--stream", "entra-groups").exitCode());

        assertNotNull(db.single("SELECT deleted_at FROM entra_group_members WHERE group_id = ? AND member_id = ?", a, uid(1)).get("deleted_at"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM entra_group_members WHERE group_id = ? AND deleted_at IS NULL", b),
                "a deleted group's memberships are marked deleted");
        assertEquals(1, db.count("SELECT COUNT(*) FROM entra_group_members_transitive WHERE group_id = ?", a));

        // a later round that only renames the group does not replay the stored membership changes
        graph.put("groups", FakeGraph.group(a, "Everyone"));
        assertEquals(0, sync("--stream", "entra-groups").exitCode());
        assertEquals("Everyone", db.single("SELECT display_name FROM entra_groups WHERE id = ?", a).get("display_name"));
        assertNotNull(db.single("SELECT deleted_at FROM entra_group_members WHERE group_id = ? AND member_id = ?", a, uid(1)).get("deleted_at"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM entra_group_members WHERE group_id = ? AND deleted_at IS NULL", a));
    }

    @Test
    void aLargeGroupSentInSeveralCopiesKeepsItsPropertiesAndEveryMember() {
        String group = uid(100);
        graph.put("groups", FakeGraph.group(group, "All Staff"));
        for (int i = 1; i <= 5; i++) {
            graph.put("users", FakeGraph.user(uid(i), "u" + i + "@contoso.example", "U" + i, true));
            graph.addMember(group, uid(i), "user");
        }
        graph.membersPerCopy(2);

        assertEquals(0, sync("--stream", "entra-groups").exitCode());

        assertEquals("All Staff", db.single("SELECT display_name FROM entra_groups WHERE id = ?", group).get("display_name"),
                "the later copies (id and members only) do not blank the group");
        assertEquals(5, db.count("SELECT COUNT(*) FROM entra_group_members WHERE group_id = ? AND deleted_at IS NULL", group));
    }

    @Test
    void aFullReadThatLeavesOutObjectsThatExistMarksOnlyTheOnesReallyGone() {
        String group = uid(100);
        graph.put("groups", FakeGraph.group(group, "All Staff"));
        for (int i = 1; i <= 3; i++) {
            graph.put("users", FakeGraph.user(uid(i), "u" + i + "@contoso.example", "U" + i, true));
        }
        graph.addMember(group, uid(1), "user");
        assertEquals(0, sync("--stream", USERS, "--stream", "entra-groups").exitCode());
        graph.delete("users", uid(3));
        // a lagging replica leaves a user and the group out of the next full listing
        graph.lagOnce("users", uid(2)).lagOnce("groups", group);
        azure.clearRequests();

        CliRun run = sync("--full", "--stream", USERS, "--stream", "entra-groups");

        assertEquals(0, run.exitCode(), run.toString());
        assertNull(db.single("SELECT deleted_at FROM entra_users WHERE id = ?", uid(2)).get("deleted_at"), "left out, but there");
        assertNotNull(db.single("SELECT deleted_at FROM entra_users WHERE id = ?", uid(3)).get("deleted_at"), "really gone");
        assertNull(db.single("SELECT deleted_at FROM entra_groups WHERE id = ?", group).get("deleted_at"));
        assertNull(db.single("SELECT deleted_at FROM entra_group_members WHERE group_id = ? AND member_id = ?", group, uid(1))
                .get("deleted_at"), "the group exists, so its memberships are not taken as gone");
        List<FakeAzure.Request> asked = azure.requests(FakeAzure.GRAPH).stream().filter(r -> r.path().contains("$filter")).toList();
        assertEquals(2, asked.size(), "one confirmation request per stream: " + asked);
        assertTrue(asked.stream().anyMatch(r -> r.path().contains(uid(2)) && r.path().contains(uid(3))), asked.toString());
        assertEquals(1L, ((Number) lastRun(USERS).get("records_deleted")).longValue());
    }

    @Test
    void disabledAccountsAreStoredButLiveOnlyWhenIncludeInactiveIsOn() {
        graph.put("users", FakeGraph.user(uid(1), "on@contoso.example", "On", true));
        graph.put("users", FakeGraph.user(uid(2), "off@contoso.example", "Off", false));
        graph.put("devices", FakeGraph.device(uid(3), uid(4), "old-pc", false));
        assertEquals(0, sync("--stream", USERS, "--stream", "entra-devices").exitCode());

        assertEquals(2, db.count("SELECT COUNT(*) FROM entra_users"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM entra_live_users"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM entra_live_devices"));

        Map<String, String> inclusive = env();
        inclusive.put("AZSYNC_ENTRA_INCLUDE_INACTIVE", "true");
        assertEquals(0, sync(inclusive, "--stream", USERS).exitCode());
        assertEquals(2, db.count("SELECT COUNT(*) FROM entra_live_users"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM entra_live_devices"));
    }

    static Boolean bool(Object value) {
        return value instanceof Boolean b ? b : value == null ? null : ((Number) value).intValue() != 0;
    }
}
