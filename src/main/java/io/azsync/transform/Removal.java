package io.azsync.transform;

import java.util.Map;

/**
 * A row (or, with part of the key, a set of rows) the source reports as deleted: Graph's
 * {@code @removed}. The sink sets {@code deleted_at}; nothing is dropped.
 */
public record Removal(Map<String, Object> key) {
}
