package io.azsync.source;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.core.DeltaState;
import io.azsync.core.Page;
import io.azsync.core.Position;
import io.azsync.core.StartPosition;

/**
 * Pages through a Microsoft Graph collection: GET the first URL, then {@code @odata.nextLink}
 * unchanged until it is absent. For a delta query the last page carries {@code @odata.deltaLink},
 * which the run saves with its success; the next run starts from it and reads only changes. A
 * stored link that Graph no longer accepts (410, or an invalid or expired token) falls back to a
 * full sync within the same run, logged once.
 */
public final class GraphPager extends PagedReader<Page> {

    static final String API = "Microsoft Graph";
    private static final Logger LOG = LoggerFactory.getLogger(GraphPager.class);

    private final AzureHttpClient client;
    private final String tokenScope;
    private final String resource;
    private final String fullUrl;
    private final String fingerprint;
    private final boolean delta;
    private final int pageSize;
    private final String permission;
    private final String stream;
    private final StartPosition start;
    private boolean incremental;

    private String next;
    private boolean resuming;
    private final Set<String> seenLinks = new HashSet<>();
    /** Ids of the objects this round returned, and how many pages in a row brought none that was new. */
    private final Set<String> seenIds = new HashSet<>();
    private int pagesWithoutNewObjects;
    /** Pages in a row with new next links but no object not seen before, after which the stream fails as looping. */
    static final int MAX_PAGES_WITHOUT_NEW_OBJECTS = 20;
    private int pageNumber;

    public GraphPager(AzureHttpClient client, String tokenScope, String resource, String fullUrl, String fingerprint, boolean delta,
                      int pageSize, String permission, String stream, StartPosition start) {
        this.client = client;
        this.tokenScope = tokenScope;
        this.resource = resource;
        this.fullUrl = fullUrl;
        this.fingerprint = fingerprint;
        this.delta = delta;
        this.pageSize = pageSize;
        this.permission = permission;
        this.stream = stream;
        this.start = start;
        this.next = startUrl();
    }

    private String startUrl() {
        if (start.resumeToken() != null) {
            try {
                JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(start.resumeToken());
                if (fingerprint.equals(p.path("fingerprint").asText()) && p.hasNonNull("next")) {
                    incremental = p.path("incremental").asBoolean(false);
                    resuming = true;
                    LOG.info("Stream {}: resuming an interrupted run at its next link", stream);
                    return p.get("next").asText();
                }
            } catch (java.io.IOException ignored) {
                // unreadable: start normally
            }
        }
        DeltaState stored = start.storedDelta();
        if (!delta || stored == null) {
            return fullUrl;
        }
        if (start.fullRequested()) {
            LOG.info("Stream {}: full reconciliation requested; the stored delta link is not used", stream);
            return fullUrl;
        }
        if (!fingerprint.equals(stored.fingerprint())) {
            LOG.info("Stream {}: its Graph request or transform map changed since the delta link was stored ({} -> {}): "
                    + "running a full sync",
                    stream, stored.fingerprint(), fingerprint);
            return fullUrl;
        }
        incremental = true;
        return stored.link();
    }

    @Override
    protected boolean hasMorePages() {
        return next != null;
    }

    @Override
    protected Page doPageRead() {
        JsonNode body;
        try {
            body = client.send(new AzureRequest(API, "GET", URI.create(next), null, tokenScope, headers())).body();
        } catch (AzureApiException e) {
            if (resuming && (e.status() == 410 || e.status() == 400)) {
                LOG.warn("Stream {}: Graph refused the stored next link ({}): starting the stream over in full", stream, e.status());
                resuming = false;
                incremental = false;
                seenLinks.clear();
                seenIds.clear();
                pagesWithoutNewObjects = 0;
                next = fullUrl;
                return doPageRead();
            }
            if (incremental && expiredDeltaToken(e)) {
                LOG.warn("Stream {}: Graph no longer accepts the stored delta link ({}): falling back to a full sync", stream,
                        e.status() + (e.code() == null ? "" : " " + e.code()));
                incremental = false;
                seenLinks.clear();
                seenIds.clear();
                pagesWithoutNewObjects = 0;
                next = fullUrl;
                return doPageRead();
            }
            if (e.status() == 403) {
                throw new AzureApiException(403, e.code(), API + " denied reading " + resource + " (403"
                        + (e.code() == null ? "" : " " + e.code()) + "): grant the application the Microsoft Graph application permission "
                        + permission + " (App registrations > API permissions > Add a permission > Microsoft Graph > Application "
                        + "permissions) and grant admin consent for the tenant");
            }
            throw e;
        }
        JsonNode value = body.path("value");
        if (!value.isArray()) {
            throw new AzureApiException(200, "MalformedResponse", API + " returned a page of " + resource
                    + " without a value array; the stream stops so that no data is marked deleted");
        }
        String nextLink = text(body, "@odata.nextLink");
        DeltaState nextDelta = null;
        if (nextLink != null) {
            if (!seenLinks.add(nextLink)) {
                throw new AzureApiException(200, "RepeatedNextLink", API + " returned the same @odata.nextLink twice for "
                        + resource + ": stopping so the stream neither loops nor ends early; run it again");
            }
            next = nextLink;
        } else {
            next = null;
            if (delta) {
                String deltaLink = text(body, "@odata.deltaLink");
                if (deltaLink == null) {
                    throw new AzureApiException(200, "MissingDeltaLink", API + " ended the delta query of " + resource
                            + " without an @odata.deltaLink: the next run could not continue from it; run it again");
                }
                nextDelta = new DeltaState(deltaLink, fingerprint);
            }
        }
        resuming = false;
        List<JsonNode> records = new ArrayList<>(value.size());
        value.forEach(records::add);
        boolean anyNew = false;
        for (JsonNode record : records) {
            // a large group comes back on several pages, each with more of its members@delta: that is progress too
            anyNew |= (record.hasNonNull("id") && seenIds.add(record.get("id").asText())) || carriesDelta(record);
        }
        pagesWithoutNewObjects = anyNew || next == null ? 0 : pagesWithoutNewObjects + 1;
        if (pagesWithoutNewObjects >= MAX_PAGES_WITHOUT_NEW_OBJECTS) {
            throw new AzureApiException(200, "NextLinkLoop", API + " returned " + pagesWithoutNewObjects + " pages of " + resource
                    + " in a row with new @odata.nextLink values but no object not already returned: stopping so the stream neither "
                    + "loops nor ends early; run it again (a full read starts over)");
        }
        String position = null;
        if (next != null) {
            com.fasterxml.jackson.databind.node.ObjectNode p = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            p.put("next", next);
            p.put("fingerprint", fingerprint);
            p.put("incremental", incremental);
            position = p.toString();
        }
        return new Page(++pageNumber, records, new Position(position, next == null, incremental, nextDelta, null));
    }

    private Map<String, String> headers() {
        // background work: Graph throttles low-priority requests first instead of interactive ones
        return delta ? Map.of("x-ms-throttle-priority", "low", "Prefer", "odata.maxpagesize=" + pageSize)
                : Map.of("x-ms-throttle-priority", "low");
    }

    /**
     * Graph no longer knows the stored delta state: 410, or any other 4xx (but 401, 403, 429) whose
     * code or message says syncStateNotFound / resync, or a 400 about the token.
     */
    static boolean expiredDeltaToken(AzureApiException e) {
        if (e.status() == 410) {
            return true;
        }
        String text = (e.code() + " " + e.getMessage()).toLowerCase(Locale.ROOT);
        boolean clientError = e.status() >= 400 && e.status() < 500 && e.status() != 401 && e.status() != 403 && e.status() != 429;
        return clientError && (text.contains("syncstate") || text.contains("resync") || (e.status() == 400 && text.contains("token")));
    }

    /** The record carries a non-empty {@code …@delta} array (members added or removed). */
    private static boolean carriesDelta(JsonNode record) {
        for (java.util.Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith("@delta") && field.getValue().isArray() && !field.getValue().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
