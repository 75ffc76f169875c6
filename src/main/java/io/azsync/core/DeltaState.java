package io.azsync.core;

/**
 * Where the next incremental run of a stream starts: the {@code @odata.deltaLink} of the last
 * successful run, and a fingerprint of the request that produced it (its path and $select), so a
 * changed request falls back to a full sync instead of silently missing new columns.
 */
public record DeltaState(String link, String fingerprint) {
}
