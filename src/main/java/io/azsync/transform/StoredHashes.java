package io.azsync.transform;

import java.util.Collection;

import io.azsync.core.SeenKeys;

/**
 * What one table held when a run first asked, for that run: the source hashes of its live rows
 * (the sink reads them once per run and table), and the keys the run has written or removed since.
 * A record whose source hash is among them is stored exactly as it came, so it is neither mapped
 * nor even keyed: it counts as seen by its row hash. Once the run has written a key, a record
 * matching a hash read before may belong to that key, whose stored row is no longer what was read:
 * such a record is keyed and, when its key was written, mapped in full. No I/O: the sink fills it.
 */
public final class StoredHashes {

    /** Open addressing on the first half: pairs of longs, a pair of zeros an empty slot. */
    private final long[] slots;
    private final int mask;
    private final int size;
    private final boolean zeroHeld;
    private final KeyHashes written = new KeyHashes();

    private StoredHashes(long[] slots, int size, boolean zeroHeld) {
        this.slots = slots;
        this.mask = slots.length / 2 - 1;
        this.size = size;
        this.zeroHeld = zeroHeld;
    }

    /** No live row with a source hash was stored when the run began (a first sync of the table). */
    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** True when a live row with this row hash (the source's, mixed with the map: {@link RecordMapper#rowHash}) was stored. */
    public boolean holds(long h0, long h1) {
        if (h0 == 0 && h1 == 0) {
            return zeroHeld;
        }
        for (int i = slot(h0); ; i = (i + 1) & mask) {
            long a = slots[2 * i];
            long b = slots[2 * i + 1];
            if (a == 0 && b == 0) {
                return false;
            }
            if (a == h0 && b == h1) {
                return true;
            }
        }
    }

    /**
     * The run wrote (or removed) rows of these keys: a record matching what was read before is keyed
     * first. Nothing to remember when nothing was read (a first sync): no record can match.
     */
    public void wrote(Collection<String> keys) {
        if (size > 0) {
            written.addAll(keys);
        }
    }

    /** True once the run has written or removed any row of the table. */
    public boolean anyWritten() {
        return !written.isEmpty();
    }

    /**
     * True when the run has written or removed the row of this key; rarely also for a key it has not
     * (two keys with one 64-bit hash), whose record is then mapped in full: more work, never a wrong row.
     */
    public boolean written(String key) {
        return written.contains(key);
    }

    private int slot(long h0) {
        long h = h0 ^ (h0 >>> 29);
        return (int) h & mask;
    }

    /**
     * The keys a run wrote, as their 64-bit hashes ({@link SeenKeys#hash}) in one open-addressing
     * array: 8 to 16 bytes a key, where a set of the strings took about 250 (a sync that rewrites a
     * million rows, after a map was edited, held 250 MB of them). Written by the sink's thread while
     * the mapping thread reads: every method holds the lock, taken once per page and per keyed record.
     */
    private static final class KeyHashes {

        private long[] slots = new long[64];
        private int count;
        private boolean zeroHeld;

        synchronized void addAll(Collection<String> keys) {
            for (String key : keys) {
                add(SeenKeys.hash(key));
            }
        }

        synchronized boolean contains(String key) {
            long h = SeenKeys.hash(key);
            if (h == 0) {
                return zeroHeld;
            }
            int mask = slots.length - 1;
            for (int i = slot(h, mask); ; i = (i + 1) & mask) {
                if (slots[i] == h) {
                    return true;
                }
                if (slots[i] == 0) {
                    return false;
                }
            }
        }

        synchronized boolean isEmpty() {
            return count == 0 && !zeroHeld;
        }

        private void add(long h) {
            if (h == 0) {
                zeroHeld = true;
                return;
            }
            if (2 * (count + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                count = 0;
                for (long kept : old) {
                    if (kept != 0) {
                        add(kept);
                    }
                }
            }
            int mask = slots.length - 1;
            for (int i = slot(h, mask); ; i = (i + 1) & mask) {
                if (slots[i] == h) {
                    return;
                }
                if (slots[i] == 0) {
                    slots[i] = h;
                    count++;
                    return;
                }
            }
        }

        private static int slot(long h, int mask) {
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }

    /**
     * Collects stored row hashes as the sink keeps them ({@code s:} and 32 hex digits; a hash of
     * mapped values, as rows of pages without source texts have, can never match a source and is
     * skipped).
     */
    public static final class Builder {

        private long[] pairs = new long[64];
        private int count;

        public Builder add(String storedRowHash) {
            if (storedRowHash == null || storedRowHash.length() != 34 || !storedRowHash.startsWith("s:")) {
                return this;
            }
            long h0;
            long h1;
            try {
                h0 = Long.parseUnsignedLong(storedRowHash, 2, 18, 16);
                h1 = Long.parseUnsignedLong(storedRowHash, 18, 34, 16);
            } catch (NumberFormatException e) {
                return this;
            }
            if (2 * count + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[2 * count] = h0;
            pairs[2 * count + 1] = h1;
            count++;
            return this;
        }

        public StoredHashes build() {
            // a power of two at most four fifths full: 16 to 20 bytes a row
            int capacity = Integer.highestOneBit(Math.max(16, count + count / 4)) * 2;
            StoredHashes out = new StoredHashes(new long[2 * capacity], 0, false);
            int size = 0;
            boolean zero = false;
            for (int k = 0; k < count; k++) {
                long h0 = pairs[2 * k];
                long h1 = pairs[2 * k + 1];
                if (h0 == 0 && h1 == 0) {
                    size += zero ? 0 : 1;
                    zero = true;
                    continue;
                }
                if (!out.holds(h0, h1)) {
                    int i = out.slot(h0);
                    while (out.slots[2 * i] != 0 || out.slots[2 * i + 1] != 0) {
                        i = (i + 1) & out.mask;
                    }
                    out.slots[2 * i] = h0;
                    out.slots[2 * i + 1] = h1;
                    size++;
                }
            }
            return new StoredHashes(out.slots, size, zero);
        }
    }
}
