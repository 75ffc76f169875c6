package io.azsync.core;

import java.nio.charset.StandardCharsets;

/**
 * A record's JSON text exactly as the API sent it: a slice of its page's UTF-8 bytes, decoded only
 * when something asks for a {@link String}. A column holding the whole record carries it as it is,
 * so a sink that takes bytes (PostgreSQL's binary COPY) copies the slice without decoding or
 * re-encoding it; everything else reads {@link #toString()}.
 */
public record SourceText(byte[] body, int start, int end) {

    public SourceText {
        if (start < 0 || end < start || end > body.length) {
            throw new IllegalArgumentException("slice " + start + ".." + end + " of " + body.length + " bytes");
        }
    }

    /** The text's length in bytes (UTF-8). */
    public int length() {
        return end - start;
    }

    /** Bit of {@link #escapes()}: the text holds the JSON escape {@code \u0000}. */
    public static final int NUL = 1;

    /**
     * Bit of {@link #escapes()}: the text holds an escape of half a UTF-16 surrogate pair without its other half
     * (say the escape of U+D83D alone), which a JSON parser may accept but PostgreSQL refuses in JSON.
     */
    public static final int UNPAIRED_SURROGATE = 2;

    /**
     * The escapes of note the text holds, as the bits {@link #NUL} and {@link #UNPAIRED_SURROGATE} (0: none). A raw
     * NUL byte cannot occur: the page parsed as JSON, which forbids it. One pass over the bytes.
     */
    public int escapes() {
        return scan(body, start, end, false);
    }

    /** True when the text holds the JSON escape {@code \u0000}, which PostgreSQL refuses in JSON. */
    public boolean hasNulEscape() {
        return (escapes() & NUL) != 0;
    }

    /**
     * A copy in which every escape of an unpaired surrogate is the escape of U+FFFD, the replacement character (as a
     * decoder replaces bytes it cannot read): the same length, the rest byte for byte.
     */
    public SourceText withUnpairedSurrogatesReplaced() {
        byte[] copy = java.util.Arrays.copyOfRange(body, start, end);
        scan(copy, 0, copy.length, true);
        return new SourceText(copy, 0, copy.length);
    }

    /** The {@link #escapes()} of {@code b[from, to)}; with {@code replace}, each unpaired surrogate's escape becomes the escape of U+FFFD. */
    private static int scan(byte[] b, int from, int to, boolean replace) {
        int found = 0;
        for (int i = from, last = to - 6; i <= last; i++) {
            if (b[i] != '\\') {
                continue;
            }
            if (b[i + 1] != 'u') {
                i++;   // an escaped character, perhaps a backslash: never the start of another escape
                continue;
            }
            int unit = hex(b, i + 2);
            if (unit == 0) {
                found |= NUL;
            } else if (unit >= 0xD800 && unit <= 0xDFFF) {
                if (unit <= 0xDBFF && i + 11 < to && b[i + 6] == '\\' && b[i + 7] == 'u') {
                    int low = hex(b, i + 8);
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        i += 11;   // a whole pair
                        continue;
                    }
                }
                found |= UNPAIRED_SURROGATE;
                if (replace) {
                    b[i + 2] = 'f';
                    b[i + 3] = 'f';
                    b[i + 4] = 'f';
                    b[i + 5] = 'd';
                }
            }
            i += 5;
        }
        return found;
    }

    /** The four hex digits at {@code at} as a number, or -1 when they are not four hex digits. */
    private static int hex(byte[] b, int at) {
        int value = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            value = value << 4 | d;
        }
        return value;
    }

    @Override
    public String toString() {
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    /** Equal when the texts are: the same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SourceText t && java.util.Arrays.equals(body, start, end, t.body, t.start, t.end);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + body[i];
        }
        return h;
    }
}
