package io.azsync.transform;

/** A record that failed its transform map: why, and the record as it came from the source. */
public record Rejection(String reason, String rawPayload) {
}
