package io.azsync.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.azsync.transform.MappedRow;

/**
 * The binary COPY data is kept in chunks: whatever falls on a chunk's edge (a field's length, a
 * jsonb version byte, a bigint, a value's bytes), the bytes handed out are those of PostgreSQL's
 * binary format, written here without chunks, field by field.
 */
class PgBinaryCopyTest {

    private static final int[] TYPES = {PgBinaryCopy.TEXT, PgBinaryCopy.JSONB, PgBinaryCopy.INT8, PgBinaryCopy.TEXT,
            PgBinaryCopy.TEXT, PgBinaryCopy.TIMESTAMPTZ, PgBinaryCopy.TIMESTAMPTZ, PgBinaryCopy.INT8, PgBinaryCopy.TEXT};
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123456Z");

    @Test
    void everyFieldThatFallsOnAChunksEdgeIsWrittenWhole() throws IOException, java.sql.SQLException {
        // three rows: the first chunk is 4 KB, the others 256 KB; the first row's padding moves every later field across
        // both edges, one byte at a time
        int firstEdge = 4 * 1024;
        int header = 19 + 2 + 4;   // signature, flags, extension; the row's field count and its first field's length
        for (int pad = firstEdge - header - 48; pad <= firstEdge - header + 8; pad++) {
            List<MappedRow> rows = new ArrayList<>();
            rows.add(row("a", "x".repeat(pad), "{\"n\":1}", 7L, ""));
            rows.add(row("b", "é".repeat(PgBinaryCopy.CHUNK / 2 - 20), null, null, "b"));
            rows.add(row("c", "last", "{\"k\":\"ü\"}", -1L, null));
            PgBinaryCopy copy = PgBinaryCopy.encode(TYPES, rows, 4, "conn", NOW, 42L);
            assertNotNull(copy, "every type is one the encoder takes");
            ByteArrayOutputStream handedOut = new ByteArrayOutputStream();
            copy.writeTo(handedOut::write);
            assertArrayEquals(expected(rows), handedOut.toByteArray(), "padding " + pad);
        }
    }

    private static MappedRow row(String key, String name, String json, Long number, String empty) {
        return new MappedRow(key, new Object[] {name, json, number, empty}, "s:" + key);
    }

    /** The binary COPY format as PostgreSQL documents it, written in one stream. */
    private static byte[] expected(List<MappedRow> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("PGCOPY\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {(byte) 0xff, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        long micros = (NOW.getEpochSecond() - 946_684_800L) * 1_000_000L + NOW.getNano() / 1000;
        for (MappedRow row : rows) {
            out.writeShort(TYPES.length);
            text(out, (String) row.value(0));
            String json = (String) row.value(1);
            if (json == null) {
                out.writeInt(-1);
            } else {
                byte[] b = json.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length + 1);
                out.write(1);
                out.write(b);
            }
            if (row.value(2) == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(8);
                out.writeLong((Long) row.value(2));
            }
            text(out, (String) row.value(3));
            text(out, "conn");
            out.writeInt(8);
            out.writeLong(micros);
            out.writeInt(8);
            out.writeLong(micros);
            out.writeInt(8);
            out.writeLong(42L);
            text(out, row.hash());
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
