package io.azsync.source;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.auth.TokenProvider;
import io.azsync.core.Page;
import io.azsync.core.Position;
import io.azsync.core.PresenceCheck;

/**
 * Confirms absences after a full Graph read: the collection asked again for some ids
 * ({@code $filter=id in (…)}, 15 a request, the most Graph takes in one filter) with the stream's
 * {@code $select}, so the stream's map reads the answers as it reads a page. Directory reads are
 * eventually consistent: an object one replica left out of a listing can still exist.
 */
final class GraphPresence implements PresenceCheck {

    /** Values Graph accepts in one {@code in (…)} filter. */
    static final int IDS_PER_REQUEST = 15;

    private final AzureHttpClient client;
    private final String graphEndpoint;
    private final String resource;
    private final String select;

    GraphPresence(AzureConnection connection, String resource, String select) {
        this.client = connection.http();
        this.graphEndpoint = connection.graphEndpoint();
        this.resource = resource;
        this.select = select;
    }

    @Override
    public List<Page> find(List<String> ids) {
        List<JsonNode> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
            String next = url(chunk);
            int pages = 0;
            while (next != null) {
                if (pages++ == 100) {
                    // fewer records found would mean more rows marked deleted: stop instead
                    throw new AzureApiException(0, "NextLinkLoop", GraphPager.API + " kept sending next links for " + chunk.size()
                            + " ids of " + resource + ": nothing is marked deleted; run the stream again, and report it if it repeats");
                }
                JsonNode body = client.send(new AzureRequest(GraphPager.API, "GET", URI.create(next), null,
                        TokenProvider.scopeOf(graphEndpoint), Map.of("x-ms-throttle-priority", "low"))).body();
                body.path("value").forEach(found::add);
                next = body.path("@odata.nextLink").isTextual() ? body.path("@odata.nextLink").asText() : null;
            }
        }
        // Graph's answers are read as trees (a Graph stream's rows are hashed by their values): one page of them
        return found.isEmpty() ? List.of() : List.of(new Page(0, found, Position.LAST));
    }

    String url(List<String> ids) {
        String filter = "id in (" + ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(",")) + ")";
        return graphEndpoint + "/v1.0/" + resource + "?$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)
                + (select == null || select.isEmpty() ? "" : "&$select=" + URLEncoder.encode(select, StandardCharsets.UTF_8).replace("%2C", ","));
    }
}
