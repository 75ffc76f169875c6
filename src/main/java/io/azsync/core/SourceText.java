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

    /**
     * True when the text holds the JSON escape {@code \u0000}, which PostgreSQL refuses in JSON (a
     * raw NUL byte cannot occur: the page parsed as JSON, which forbids it). One pass over the bytes.
     */
    public boolean hasNulEscape() {
        byte[] b = body;
        for (int i = start, last = end - 6; i <= last; i++) {
            if (b[i] == '\\') {
                if (b[i + 1] == 'u' && b[i + 2] == '0' && b[i + 3] == '0' && b[i + 4] == '0' && b[i + 5] == '0') {
                    return true;
                }
                i++;   // an escaped character, perhaps a backslash: never the start of another escape
            }
        }
        return false;
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
