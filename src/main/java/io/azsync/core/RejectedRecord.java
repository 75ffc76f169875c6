package io.azsync.core;

/** A record a run could not load: why ({@code reason}, naming the table when a page fills several), and the record as the source sent it. */
public record RejectedRecord(String reason, String rawPayload) {
}
