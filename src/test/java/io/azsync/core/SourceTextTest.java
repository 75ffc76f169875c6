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
    void findsAnEscapedHalfOfASurrogatePairAndReplacesOnlyThatWithTheReplacementCharacter() {
        String record = "{\"a\":\"x\\ud83d y\",\"b\":\"\\ud83d\\ude00\",\"c\":\"\\ude00\",\"d\":\"\\\\ud83d\",\"e\":\"\\ud83d\"}";
        SourceText text = inPage(record);
        assertEquals(SourceText.UNPAIRED_SURROGATE, text.escapes());
        SourceText repaired = text.withUnpairedSurrogatesReplaced();
        assertEquals("{\"a\":\"x\\ufffd y\",\"b\":\"\\ud83d\\ude00\",\"c\":\"\\ufffd\",\"d\":\"\\\\ud83d\",\"e\":\"\\ufffd\"}",
                repaired.toString(), "a whole pair and a backslash followed by the text ud83d stay");
        assertEquals(text.length(), repaired.length());
        assertEquals(0, repaired.escapes());
        assertEquals(0, inPage("{\"b\":\"\\uD83D\\uDE00 \\u00e9\"}").escapes(), "upper-case digits, a pair and another escape");
        assertEquals(SourceText.NUL | SourceText.UNPAIRED_SURROGATE, inPage("{\"a\":\"\\u0000\\udbff\"}").escapes());
        assertEquals(SourceText.UNPAIRED_SURROGATE, inPage("{\"a\":\"\\ud83d\\u00e9\"}").escapes(), "a high half before another escape");
    }

    @Test
    void aSliceOutsideThePageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SourceText(new byte[4], 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new SourceText(new byte[4], 3, 2));
    }
}
