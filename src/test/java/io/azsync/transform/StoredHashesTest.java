package io.azsync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The row hashes a run reads once per table: what they hold, what they skip, and what the run wrote since. */
class StoredHashesTest {

    @Test
    void holdsEveryStoredSourceHashAndNothingElse() {
        StoredHashes.Builder builder = new StoredHashes.Builder();
        java.util.Random random = new java.util.Random(7);
        long[][] stored = new long[5_000][];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = new long[] {random.nextLong(), random.nextLong()};
            builder.add(RecordMapper.rowHashText(stored[i][0], stored[i][1]));
        }
        // the same hash twice (two rows can never share one, but a read may return it twice) counts once
        builder.add(RecordMapper.rowHashText(stored[0][0], stored[0][1]));
        StoredHashes hashes = builder.build();

        assertEquals(5_000, hashes.size());
        for (long[] h : stored) {
            assertTrue(hashes.holds(h[0], h[1]));
        }
        for (int i = 0; i < 5_000; i++) {
            assertFalse(hashes.holds(stored[i][0], stored[i][1] + 1), "the second half must match too");
            assertFalse(hashes.holds(random.nextLong(), random.nextLong()));
        }
    }

    @Test
    void hashesOfMappedValuesAndMalformedTextsAreSkipped() {
        StoredHashes hashes = new StoredHashes.Builder()
                .add("0123456789abcdef0123456789abcdef")        // a hash of mapped values (no "s:")
                .add("s:0123456789abcdef0123456789abcdeg")      // not hex
                .add("s:0123")                                  // too short
                .add(null)
                .build();

        assertTrue(hashes.isEmpty(), "none of them can match a source text's hash");
        assertFalse(hashes.holds(0x0123456789abcdefL, 0x0123456789abcdefL));
    }

    @Test
    void theZeroHashIsHeldOnlyWhenStored() {
        assertFalse(new StoredHashes.Builder().build().holds(0, 0));
        StoredHashes zero = new StoredHashes.Builder().add(RecordMapper.rowHashText(0, 0)).build();
        assertTrue(zero.holds(0, 0));
        assertEquals(1, zero.size());
    }

    @Test
    void keysTheRunWroteAreRememberedOnlyWhereARecordCouldMatchWhatWasRead() {
        StoredHashes none = new StoredHashes.Builder().build();
        none.wrote(List.of("a"));
        assertFalse(none.anyWritten(), "a first sync's snapshot matches no record: it keeps no keys");

        StoredHashes hashes = new StoredHashes.Builder().add(RecordMapper.rowHashText(1, 2)).build();
        assertFalse(hashes.anyWritten());
        hashes.wrote(List.of("a", "b"));
        assertTrue(hashes.anyWritten());
        assertTrue(hashes.written("a"));
        assertFalse(hashes.written("c"));
    }

    @Test
    void aRunThatRewritesEveryRowRemembersEveryKeyItWrote() {
        // a sync after a map was edited rewrites every row: its keys are kept as hashes, a page at a time
        StoredHashes hashes = new StoredHashes.Builder().add(RecordMapper.rowHashText(1, 2)).build();
        for (int page = 0; page < 300; page++) {
            List<String> keys = new java.util.ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                keys.add("/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm" + (page * 1000 + i));
            }
            hashes.wrote(keys);
        }
        for (int k = 0; k < 300_000; k += 7) {
            assertTrue(hashes.written("/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm" + k), "key " + k);
        }
        for (int k = 300_000; k < 310_000; k++) {
            assertFalse(hashes.written("/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm" + k), "key " + k);
        }
        assertFalse(hashes.written(""), "the empty key was not written");
        hashes.wrote(List.of(""));
        assertTrue(hashes.written(""));
    }
}
