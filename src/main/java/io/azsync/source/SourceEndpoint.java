package io.azsync.source;

import io.azsync.core.SubscriptionScope;

/** An endpoint that reads Azure: it can prove, with one small request, that a connector may read what it reads. */
public interface SourceEndpoint {

    /**
     * Sends this endpoint's own request for a single record with {@code connection}, within
     * {@code scope}; returns what was proven, or throws with the cause and the fix.
     */
    String probe(AzureConnection connection, SubscriptionScope scope);
}
