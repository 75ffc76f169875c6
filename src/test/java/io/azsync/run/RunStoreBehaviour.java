package io.azsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.sink.Database;
import io.azsync.sink.SchemaManager;
import io.azsync.testing.TestDatabase;

/**
 * The run ledger and the stream leases on a real database: who may run a stream, what a queued run
 * survives, what a dead process leaves behind, and that any error text can be stored. Subclasses
 * pick the database.
 */
abstract class RunStoreBehaviour {

    static final String CONNECTOR = "default";
    static final String VMS = "azure-virtual-machines";

    TestDatabase db;
    Database database;
    ProcessIdentity one;
    ProcessIdentity two;
    StreamLeases leasesOne;
    StreamLeases leasesTwo;
    RunStore ledgerOne;
    RunStore ledgerTwo;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        db = database();
        database = Database.open(db.url(), db.user(), db.password());
        new SchemaManager(database).ensureLedger();
        one = ProcessIdentity.create();
        two = ProcessIdentity.create();
        leasesOne = new StreamLeases(database, one, Duration.ofMinutes(1));
        leasesTwo = new StreamLeases(database, two, Duration.ofMinutes(1));
        leasesOne.heartbeat();
        leasesTwo.heartbeat();
        ledgerOne = new RunStore(database, one.holder());
        ledgerTwo = new RunStore(database, two.holder());
    }

    @AfterEach
    void tearDown() {
        one.retire();
        two.retire();
        database.close();
        db.close();
    }

    StreamRun queue(RunStore ledger) {
        return ledger.queue(CONNECTOR, VMS, Trigger.CLI, null, null, false);
    }

    Map<String, Object> row(StreamRun run) {
        return db.single("SELECT state, error, owner FROM sync_runs WHERE run_id = ?", run.runId());
    }

    @Test
    void aQueuedRunIsNeverFailedByAnotherRunBeingQueued() {
        StreamRun first = queue(ledgerOne);
        StreamRun second = queue(ledgerTwo);

        assertEquals("queued", row(first).get("state"));
        assertEquals("queued", row(second).get("state"));
        assertEquals(one.holder(), row(first).get("owner"));
    }

    @Test
    void aStreamHeldByALiveProcessIsRefusedNamingItUntilReleased() {
        StreamRun run = queue(ledgerOne);
        leasesOne.acquire(CONNECTOR, VMS, run.runId());

        StreamLeases.BusyException busy = assertThrows(StreamLeases.BusyException.class,
                () -> leasesTwo.acquire(CONNECTOR, VMS, queue(ledgerTwo).runId()));

        assertTrue(busy.getMessage().contains("already running in process " + one.holder()), busy.getMessage());
        assertTrue(busy.getMessage().contains("(run " + run.runId() + ")"), busy.getMessage());
        leasesOne.release(CONNECTOR, VMS);
        leasesTwo.acquire(CONNECTOR, VMS, queue(ledgerTwo).runId());
        assertEquals(two.holder(), db.single("SELECT holder FROM stream_leases").get("holder"));
    }

    @Test
    void aDeadHolderOnThisHostIsTakenOverAtOnceAndItsRunClosedAsInterrupted() {
        StreamRun run = queue(ledgerOne);
        leasesOne.acquire(CONNECTOR, VMS, run.runId());
        ledgerOne.started(run);
        one.retire();   // the runtime is gone without releasing anything, as after kill -9

        StreamRun next = queue(ledgerTwo);
        leasesTwo.acquire(CONNECTOR, VMS, next.runId());

        assertEquals("failed", row(run).get("state"));
        assertTrue(String.valueOf(row(run).get("error")).startsWith("interrupted"), row(run).toString());
    }

    @Test
    void aHolderOnAnotherHostBlocksUntilItsHeartbeatExpires() {
        String remote = "4242@some-other-node#0badf00d";
        long future = System.currentTimeMillis() + 60_000;
        db.execute("INSERT INTO azsync_processes (holder, started_at, heartbeat_at, expires_ms) VALUES ('" + remote + "', "
                + "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', " + future + ")");
        db.execute("INSERT INTO stream_leases (connector, stream, holder, run_id, acquired_at) VALUES ('default', '" + VMS + "', '"
                + remote + "', 7, '2026-01-01T00:00:00Z')");

        assertThrows(StreamLeases.BusyException.class, () -> leasesOne.acquire(CONNECTOR, VMS, queue(ledgerOne).runId()));
        assertTrue(leasesTwo.holderOf(CONNECTOR, VMS).isPresent());

        db.execute("UPDATE azsync_processes SET expires_ms = " + (System.currentTimeMillis() - 60_000) + " WHERE holder = '" + remote + "'");   // a minute ago: not within the database clock's rounding of now
        leasesOne.acquire(CONNECTOR, VMS, queue(ledgerOne).runId());
        assertFalse(leasesTwo.holderOf(CONNECTOR, VMS).map(h -> h.holder().equals(remote)).orElse(false));
    }

    @Test
    void aRunThatLostItsLeaseCanWriteNothingMore() {
        StreamRun run = queue(ledgerOne);
        leasesOne.acquire(CONNECTOR, VMS, run.runId());
        var guard = leasesOne.guard(CONNECTOR, VMS, run.runId());
        database.inTransaction(c -> {
            guard.check(c);
            return null;
        });

        db.execute("DELETE FROM stream_leases");   // taken over after this process stalled past the lease's life

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
            guard.check(c);
            return null;
        }));
        assertTrue(e.getMessage().contains("no longer holds the stream's lease"), e.getMessage());
    }

    @Test
    void runsLeftOpenByADeadProcessAreClosedWithTheTruth() {
        StreamRun working = queue(ledgerOne);
        ledgerOne.started(working);
        StreamRun waiting = ledgerOne.queue(CONNECTOR, "entra-users", Trigger.API, null, null, false);
        StreamRun alive = queue(ledgerTwo);
        one.retire();

        assertEquals(2, leasesTwo.closeRunsOfDeadOwners());

        assertEquals("failed", row(working).get("state"));
        assertTrue(String.valueOf(row(working).get("error")).startsWith("interrupted"));
        assertEquals("cancelled", row(waiting).get("state"));
        assertEquals("queued", row(alive).get("state"), "a live process's queued run is left alone");
    }

    @Test
    void aLeaseThisProcessLeftBehindIsTakenOverByItsNextRun() {
        leasesOne.acquire(CONNECTOR, VMS, queue(ledgerOne).runId());   // and never released (the release failed)

        StreamRun next = queue(ledgerOne);
        leasesOne.acquire(CONNECTOR, VMS, next.runId());

        assertEquals(next.runId(), ((Number) db.single("SELECT run_id FROM stream_leases").get("run_id")).longValue());
    }

    @Test
    void aRunResumingOneThatRejectedARecordWithoutAKeyMarksNothingDeletedEither() {
        db.execute("INSERT INTO sync_checkpoints (connector, stream, run_ids, resume_token, updated_at, blocked_reason) VALUES "
                + "('default', '" + VMS + "', '41', '{}', '2026-01-01T00:00:00Z', 'a record was rejected without a readable key')");
        StreamRun resuming = queue(ledgerOne);

        ledgerOne.started(resuming);

        assertTrue(resuming.deletionsBlocked());
        assertTrue(resuming.partialReason().contains("without a readable key"));
    }

    @Test
    void aLeaseIsTakenAfterAnotherWriterCommitsNotRefusedWhileItWrites() throws Exception {
        try (var other = db.connect()) {
            other.setAutoCommit(false);
            try (var st = other.createStatement()) {
                // another process writing a page: holds the write lock (SQLite) or a row the lease does not need (PostgreSQL)
                st.executeUpdate("INSERT INTO rejected_records (run_id, connector, stream, reason, rejected_at) VALUES "
                        + "(1, 'x', 'y', 'z', '2026-01-01T00:00:00Z')");
            }
            var taking = java.util.concurrent.CompletableFuture.runAsync(() -> leasesOne.acquire(CONNECTOR, VMS, queue(ledgerOne).runId()));
            org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> !taking.isCompletedExceptionally());
            other.commit();
            taking.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertEquals(one.holder(), db.single("SELECT holder FROM stream_leases").get("holder"));
    }

    @Test
    void anyErrorTextIsStoredBoundedAndWithoutControlCharacters() {
        StreamRun run = queue(ledgerOne);
        String error = "boom \u0000 with a NUL and " + "x".repeat(100_000);

        ledgerOne.fail(run, error);

        String stored = String.valueOf(row(run).get("error"));
        assertEquals("failed", row(run).get("state"));
        assertFalse(stored.contains("\u0000"));
        assertTrue(stored.startsWith("boom"));
        assertTrue(stored.length() <= RunStore.MAX_ERROR_LENGTH + 40, "length " + stored.length());
        assertTrue(stored.endsWith("more characters)"), stored.substring(stored.length() - 40));
    }

    /** One page of {@code run}: the keys it saw in the VM table, then where the source goes on, in one transaction. */
    void commitPage(StreamRun run, String resumeToken, String... keys) {
        database.inTransaction(c -> {
            run.seen(c, "azure_virtual_machines", java.util.List.of("id"),
                    java.util.Arrays.stream(keys).mapToLong(io.azsync.core.SeenKeys::hash).toArray());
            run.checkpoint(c, resumeToken);
            return null;
        });
    }

    @Test
    void whatAResumedRunSawIncludesWhatTheRunItResumesSawAndIsDroppedWhenItEnds() {
        StreamRun cutOff = queue(ledgerOne);
        ledgerOne.started(cutOff);
        commitPage(cutOff, "{\"page\":2}", "/vm/a", "/vm/b");
        ledgerOne.fail(cutOff, "interrupted");

        StreamRun resuming = queue(ledgerOne);
        ledgerOne.started(resuming);
        commitPage(resuming, null, "/vm/c");

        io.azsync.core.SeenKeys seen = resuming.seenKeys("azure_virtual_machines");
        for (String key : java.util.List.of("/vm/a", "/vm/b", "/vm/c")) {
            assertTrue(seen.contains(java.util.List.of("id"), key), key + " was seen by the run or the run it resumes");
        }
        assertFalse(seen.contains(java.util.List.of("id"), "/vm/d"));
        assertTrue(resuming.seenKeys("azure_network_interfaces").isEmpty(), "kept per table");

        ledgerOne.succeed(resuming);
        assertEquals(0, db.count("SELECT COUNT(*) FROM sync_seen_keys"), "a finished run's seen keys are not kept");
    }

    @Test
    void aFreshRunForgetsWhatAnAbandonedRunSaw() {
        StreamRun abandoned = queue(ledgerOne);
        ledgerOne.started(abandoned);
        commitPage(abandoned, null, "/vm/a");   // its last page, but it died before it ended
        ledgerOne.fail(abandoned, "interrupted");

        StreamRun fresh = queue(ledgerOne);
        ledgerOne.started(fresh);

        assertFalse(fresh.seenKeys("azure_virtual_machines").contains(java.util.List.of("id"), "/vm/a"),
                "a run that does not resume another sees only its own pages");
    }

    /** A connector's last error is kept as every stored error is: without control characters (PostgreSQL refuses NUL). */
    @Test
    void aConnectorsLastErrorWithANulIsStoredWithoutIt() {
        java.time.Instant now = java.time.Instant.parse("2026-12-02T10:00:00Z");
        ledgerOne.saveConnectorState(new RunStore.ConnectorEntry("contoso", "Failed", null, now, now, 1, "bad\u0000value\u0007", now));
        assertEquals("bad value ", ledgerOne.connectorStates().get("contoso").lastError());
    }

    /** A resumed read confirms rows the run it resumes saw when that one began: the sighting is never later than that. */
    @Test
    void aResumedRunsSightingIsNoLaterThanTheStartOfTheRunItResumes() {
        StreamRun cutOff = queue(ledgerOne);
        ledgerOne.started(cutOff);
        commitPage(cutOff, "{\"page\":2}", "/vm/a");
        ledgerOne.fail(cutOff, "interrupted");
        StreamRun resuming = queue(ledgerOne);
        ledgerOne.started(resuming);
        commitPage(resuming, null, "/vm/b");

        database.inTransaction(c -> {
            resuming.sighted(c, "azure_virtual_machines", java.util.List.of());
            return null;
        });

        java.time.Instant sighting = resuming.sightings("azure_virtual_machines").get("*");
        java.time.Instant began = database.inTransaction(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT started_at FROM sync_runs WHERE run_id = ?")) {
                ps.setLong(1, cutOff.runId());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return database.dialect().readInstant(rs, 1);
                }
            }
        });
        assertEquals(began, sighting, "when the run that saw /vm/a began, not when the one resuming it did");
    }
}
