package io.azsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A record's source text as a slice of its page's bytes. */
class SourceTextTest {

    static SourceText inPage(String record) {
        byte[] page = ("[" + record + "]").getBytes(StandardCharsets.UTF_8);
        return new SourceText(page, 1, page.length - 1);
    }

    @Test
    void decodesToTheRecordsTextAndIsEqualToTheSameBytesElsewhere() {
        SourceText text = inPage("{\"name\":\"café ✓\"}");
        assertEquals("{\"name\":\"café ✓\"}", text.toString());
        assertEquals("{\"name\":\"café ✓\"}".getBytes(StandardCharsets.UTF_8).length, text.length());
        SourceText same = new SourceText("xx{\"name\":\"café ✓\"}".getBytes(StandardCharsets.UTF_8), 2, text.length() + 2);
        assertEquals(text, same);
        assertEquals(text.hashCode(), same.hashCode());
    }

    @Test
    void findsTheNulEscapePostgresqlRefusesButNotAnEscapedBackslashBeforeU0000() {
        assertTrue(inPage("{\"a\":\"x\\u0000y\"}").hasNulEscape());
        assertTrue(inPage("{\"a\":\"\\\\\\u0000\"}").hasNulEscape(), "an escaped backslash, then the escape");
        assertFalse(inPage("{\"a\":\"\\\\u0000\"}").hasNulEscape(), "a backslash character followed by the text u0000");
        assertFalse(inPage("{\"a\":\"\\u0001\"}").hasNulEscape());
        assertFalse(inPage("{\"a\":\"\\u000").hasNulEscape(), "cut short at the end of the slice");
    }

    @Test
    void aSliceOutsideThePageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SourceText(new byte[4], 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new SourceText(new byte[4], 3, 2));
    }
}
