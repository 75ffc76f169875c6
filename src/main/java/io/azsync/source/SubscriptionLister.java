package io.azsync.source;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.auth.TokenProvider;

/**
 * Lists the subscriptions the principal can see through Resource Manager
 * ({@code GET /subscriptions}), following {@code nextLink}.
 */
public final class SubscriptionLister {

    static final String API = "Resource Manager";
    static final String API_VERSION = "2022-12-01";

    private final AzureHttpClient client;
    private final String armEndpoint;

    public SubscriptionLister(AzureHttpClient client, String armEndpoint) {
        this.client = client;
        this.armEndpoint = armEndpoint;
    }

    /** A subscription as Resource Manager lists it. */
    public record Subscription(String id, String state, String displayName) {
        /** Enabled, Warned and PastDue subscriptions can be read; Disabled and Deleted ones are gone. */
        public boolean active() {
            return state == null || !(state.equalsIgnoreCase("Disabled") || state.equalsIgnoreCase("Deleted"));
        }
    }

    public List<String> list() {
        return listWithState().stream().map(Subscription::id).toList();
    }

    public List<Subscription> listWithState() {
        String scope = TokenProvider.scopeOf(armEndpoint);
        List<Subscription> ids = new ArrayList<>();
        Set<String> links = new HashSet<>();
        URI next = URI.create(armEndpoint + "/subscriptions?api-version=" + API_VERSION);
        while (next != null) {
            JsonNode body = client.send(AzureRequest.get(API, next, scope)).body();
            JsonNode value = body.path("value");
            if (!value.isArray()) {
                throw new AzureApiException(200, "MalformedResponse", API + " returned a subscriptions page without a value array");
            }
            for (JsonNode subscription : value) {
                String id = subscription.path("subscriptionId").asText(null);
                if (id != null) {
                    ids.add(new Subscription(id, subscription.path("state").asText(null), subscription.path("displayName").asText(null)));
                }
            }
            String link = body.path("nextLink").asText(null);
            if (link != null && !links.add(link)) {
                throw new AzureApiException(200, "RepeatedNextLink", API + " returned the same nextLink twice: stopping");
            }
            next = link == null || link.isBlank() ? null : URI.create(link);
        }
        if (ids.isEmpty()) {
            throw new AzureApiException(200, "NoSubscriptions", "the service principal sees no subscriptions: assign it the "
                    + "Reader role on the subscriptions or a management group (az role assignment create --assignee "
                    + "$AZURE_CLIENT_ID --role Reader --scope /subscriptions/<id>), or set AZSYNC_SUBSCRIPTIONS");
        }
        return ids;
    }
}
