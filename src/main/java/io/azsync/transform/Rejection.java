package io.azsync.transform;

import java.util.Map;

/**
 * A record that failed its transform map: why, the record as it came from the source, and what it
 * still tells about the rows it stands for ({@code seenKey}: column → value, the full key or the
 * parent's columns in a map with {@code each}), so those rows count as seen and are not marked
 * deleted; null when not even that could be read.
 */
public record Rejection(String reason, String rawPayload, Map<String, Object> seenKey) {

    /** Longest reason kept; a reason never holds control characters (PostgreSQL refuses NUL in text). */
    static final int MAX_REASON = 1000;

    public Rejection {
        reason = reason == null ? "rejected" : reason.replaceAll("\\p{Cntrl}", " ");
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "…";
        }
    }

    public Rejection(String reason, String rawPayload) {
        this(reason, rawPayload, null);
    }
}
