package io.azsync.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows a run saw in one table, kept compactly: per set of columns (a table's key, or part of it
 * such as a rejected record's parent id), the sorted 64-bit hashes of the seen values. Deletion
 * detection asks it instead of a write per seen row. Two different keys sharing a hash make a row
 * look seen: it is then kept, never wrongly marked deleted (at 64 bits, about one in 10^10 for a
 * million rows).
 */
public final class SeenKeys {

    /**
     * The column set of rows seen by their stored row hash ({@code row_hash}, a system column no map
     * defines): records found stored as they came, never keyed.
     */
    public static final List<String> ROW_HASH = List.of("row_hash");

    private final Map<List<String>, long[]> sorted;

    private SeenKeys(Map<List<String>, long[]> sorted) {
        this.sorted = sorted;
    }

    /** The column sets something was seen by. */
    public Set<List<String>> columnSets() {
        return sorted.keySet();
    }

    /**
     * The value a row seen by its stored row hash is kept as ({@link #ROW_HASH}): the first 64 bits
     * of a source's row hash ({@code s:} and 32 hex digits) as they are, already a hash; any other
     * text hashed as a key is.
     */
    public static long rowHashValue(String storedRowHash) {
        if (storedRowHash != null && storedRowHash.length() == 34 && storedRowHash.startsWith("s:")) {
            try {
                return Long.parseUnsignedLong(storedRowHash, 2, 18, 16);
            } catch (NumberFormatException e) {
                // not a source's hash: hashed as text below
            }
        }
        return hash(String.valueOf(storedRowHash));
    }

    /** True when a row with this stored row hash was seen by it ({@link #ROW_HASH}). */
    public boolean containsRowHash(String storedRowHash) {
        long[] hashes = sorted.get(ROW_HASH);
        return hashes != null && Arrays.binarySearch(hashes, rowHashValue(storedRowHash)) >= 0;
    }

    /** True when the values (joined as the row's key is) of {@code columns} were seen. */
    public boolean contains(List<String> columns, String joinedValues) {
        long[] hashes = sorted.get(columns);
        return hashes != null && Arrays.binarySearch(hashes, hash(joinedValues)) >= 0;
    }

    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    /** A 64-bit FNV-1a hash of the text's UTF-16 code units, mixed once more so close keys spread. */
    public static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** The hashes as bytes, 8 per hash, big-endian: what the run store keeps per page. */
    public static byte[] pack(long[] hashes) {
        ByteBuffer buffer = ByteBuffer.allocate(hashes.length * Long.BYTES);
        for (long h : hashes) {
            buffer.putLong(h);
        }
        return buffer.array();
    }

    /** Collects packed hashes per column set, then sorts them once. */
    public static final class Builder {

        private final Map<List<String>, long[]> parts = new HashMap<>();
        private final Map<List<String>, Integer> sizes = new HashMap<>();

        public Builder add(List<String> columns, byte[] packed) {
            if (packed.length % Long.BYTES != 0) {
                throw new IllegalArgumentException("seen keys of " + columns + " are " + packed.length + " bytes, not a multiple of 8");
            }
            List<String> key = List.copyOf(columns);
            long[] into = parts.getOrDefault(key, new long[16]);
            int size = sizes.getOrDefault(key, 0);
            int n = packed.length / Long.BYTES;
            if (size + n > into.length) {
                into = Arrays.copyOf(into, Math.max(into.length * 2, size + n));
            }
            ByteBuffer buffer = ByteBuffer.wrap(packed);
            for (int i = 0; i < n; i++) {
                into[size + i] = buffer.getLong();
            }
            parts.put(key, into);
            sizes.put(key, size + n);
            return this;
        }

        public SeenKeys build() {
            Map<List<String>, long[]> out = new HashMap<>();
            parts.forEach((columns, hashes) -> {
                long[] exact = Arrays.copyOf(hashes, sizes.get(columns));
                Arrays.sort(exact);
                out.put(columns, exact);
            });
            return new SeenKeys(Map.copyOf(out));
        }
    }
}
