package io.azsync.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.azsync.core.SourceText;
import io.azsync.transform.MappedRow;

/**
 * A page of rows in PostgreSQL's binary COPY format ("COPY … FROM STDIN (FORMAT binary)"): each
 * value as its column's binary representation, so nothing is escaped and a record's source text
 * ({@link SourceText}) is copied as the bytes the API sent. Encodes only the column types azsync
 * creates (text, varchar, json, jsonb, bigint, double precision, boolean, timestamptz) with the
 * Java values the mapper makes for them; anything else (a column an integrator retyped, a value of
 * another type) makes {@link #encode} return null, and the caller loads that page as text instead.
 * One job: bytes out, handed to the caller's {@link Target}; no I/O of its own.
 */
final class PgBinaryCopy {

    static final int TEXT = 25;
    static final int VARCHAR = 1043;
    static final int JSON = 114;
    static final int JSONB = 3802;
    static final int INT8 = 20;
    static final int FLOAT8 = 701;
    static final int BOOL = 16;
    static final int TIMESTAMPTZ = 1184;

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in seconds after the Unix epoch. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    /** The size of every chunk of the data but the first. */
    static final int CHUNK = 256 * 1024;

    /**
     * The data as chunks (the first sized by the page's rows, the others {@link #CHUNK} bytes), every
     * one full but the last, which is filled to {@code used}: a page of a few MB grows without copying
     * what it already holds (doubling one array copied about twice the page, a fifth of everything a
     * first sync allocated).
     */
    private final List<byte[]> chunks = new java.util.ArrayList<>();
    private byte[] buf;
    private int used;

    private PgBinaryCopy(int rows) {
        // a page of a few rows needs no 256 KB
        newChunk(Math.max(4, Math.min(rows, CHUNK / 1024)) * 1024);
    }

    /** Where the data goes, chunk by chunk (pgjdbc's {@code CopyIn::writeToCopy}). */
    interface Target {
        void write(byte[] bytes, int offset, int length) throws java.sql.SQLException;
    }

    /** True when a column of this type (pg_type OID) can be loaded in binary by this encoder. */
    static boolean supports(int type) {
        return type == TEXT || type == VARCHAR || type == JSON || type == JSONB || type == INT8 || type == FLOAT8 || type == BOOL
                || type == TIMESTAMPTZ;
    }

    /**
     * The COPY data for {@code rows}: each row's {@code mapColumns} map values, then the connector,
     * first and last seen (both {@code now}), the run id and the row hash, in the order of
     * {@code types} (the staging table's column type OIDs). Null when a column type or a value does
     * not fit the binary format (see the class comment).
     */
    static PgBinaryCopy encode(int[] types, List<MappedRow> rows, int mapColumns, String connector, Instant now, long runId) {
        if (types.length != mapColumns + 5 || Arrays.stream(types).anyMatch(t -> !supports(t))) {
            return null;
        }
        PgBinaryCopy out = new PgBinaryCopy(rows.size());
        out.put(SIGNATURE, 0, SIGNATURE.length);
        out.putInt(0);   // flags: no OIDs
        out.putInt(0);   // no header extension
        byte[] connectorBytes = connector.getBytes(StandardCharsets.UTF_8);
        for (MappedRow row : rows) {
            out.putShort(types.length);
            for (int i = 0; i < mapColumns; i++) {
                if (!out.value(types[i], row.value(i))) {
                    return null;
                }
            }
            if (!out.value(types[mapColumns], connectorBytes) || !out.value(types[mapColumns + 1], now)
                    || !out.value(types[mapColumns + 2], now) || !out.value(types[mapColumns + 3], runId)
                    || !out.value(types[mapColumns + 4], row.hash())) {
                return null;
            }
        }
        out.putShort(-1);   // trailer
        return out;
    }

    /** Writes the encoded data to {@code target}, in order. */
    void writeTo(Target target) throws java.sql.SQLException {
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            target.write(chunk, 0, i == chunks.size() - 1 ? used : chunk.length);
        }
    }

    /** Writes one field (length, then bytes; -1 for NULL); false when the value does not fit the type. */
    private boolean value(int type, Object value) {
        if (value == null) {
            putInt(-1);
            return true;
        }
        switch (type) {
            case INT8 -> {
                if (!(value instanceof Long || value instanceof Integer)) {
                    return false;
                }
                putInt(8);
                putLong(((Number) value).longValue());
            }
            case FLOAT8 -> {
                if (!(value instanceof Number number)) {
                    return false;
                }
                putInt(8);
                putLong(Double.doubleToLongBits(number.doubleValue()));
            }
            case BOOL -> {
                if (!(value instanceof Boolean b)) {
                    return false;
                }
                putInt(1);
                put(b ? 1 : 0);
            }
            case TIMESTAMPTZ -> {
                if (!(value instanceof Instant instant)) {
                    return false;
                }
                putInt(8);
                putLong(micros(instant));
            }
            case JSONB -> text(value, true);
            default -> text(value, false);   // text, varchar, json: the value's text, as the text format would send it
        }
        return true;
    }

    /** A value as text (UTF-8); for jsonb after its version byte (1). */
    private void text(Object value, boolean jsonb) {
        byte[] bytes;
        int offset = 0;
        int length;
        if (value instanceof SourceText source) {
            bytes = source.body();
            offset = source.start();
            length = source.length();
        } else if (value instanceof byte[] raw) {
            bytes = raw;
            length = raw.length;
        } else {
            bytes = (value instanceof List<?> list ? Dialect.toJson(list) : value.toString()).getBytes(StandardCharsets.UTF_8);
            length = bytes.length;
        }
        putInt(jsonb ? length + 1 : length);
        if (jsonb) {
            put(1);
        }
        put(bytes, offset, length);
    }

    /**
     * Microseconds after 2000-01-01 UTC; the nanoseconds rounded half to even, as PostgreSQL rounds a
     * timestamp's text with more than six fraction digits.
     */
    static long micros(Instant instant) {
        long micros = (long) Math.rint(instant.getNano() / 1000.0);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L), micros);
    }

    private void newChunk(int size) {
        buf = new byte[size];
        chunks.add(buf);
        used = 0;
    }

    private void put(int b) {
        if (used == buf.length) {
            newChunk(CHUNK);
        }
        buf[used++] = (byte) b;
    }

    private void putShort(int v) {
        put(v >>> 8);
        put(v);
    }

    private void putInt(int v) {
        put(v >>> 24);
        put(v >>> 16);
        put(v >>> 8);
        put(v);
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void put(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == buf.length) {
                newChunk(CHUNK);
            }
            int n = Math.min(length, buf.length - used);
            System.arraycopy(bytes, offset, buf, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }
}
