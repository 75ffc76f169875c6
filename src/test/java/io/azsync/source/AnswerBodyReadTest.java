package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** An answer read whole into one array sized from the last answer: every byte, whatever the size and the reads. */
class AnswerBodyReadTest {

    /** A stream that hands out at most {@code step} bytes per read, as a network or gzip stream does. */
    static InputStream trickling(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    static byte[] bytes(int n) {
        byte[] out = new byte[n];
        new java.util.Random(n).nextBytes(out);
        return out;
    }

    @Test
    void everyByteArrivesWhetherTheLastAnswerWasSmallerLargerOrTheSame() throws IOException {
        for (int size : new int[] {0, 1, 65_535, 65_536, 65_537, 300_000, 1_000_000}) {
            for (int hint : new int[] {0, size / 3, size, size * 3}) {
                byte[] data = bytes(size);
                AtomicInteger last = new AtomicInteger(hint);
                JsonBodyPolicy.Body body = JsonBodyPolicy.read(trickling(data, 7_919), last);

                assertEquals(size, body.length(), "size " + size + ", hint " + hint);
                assertArrayEquals(data, Arrays.copyOf(body.bytes(), body.length()), "size " + size + ", hint " + hint);
                assertEquals(size, last.get(), "the next answer is sized from this one");
                assertTrue(body.bytes().length <= Math.max(2L * size, 1), "at most as many unused bytes as used ones: " + body.bytes().length
                        + " for " + size);
            }
        }
    }
}
