package io.azsync.source;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.azsync.core.Page;
import io.azsync.core.Position;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pages through one Resource Graph query: POST {@code /providers/Microsoft.ResourceGraph/resources}
 * with {@code $top} and {@code $skipToken}, one batch of at most 1000 subscriptions after another.
 * A repeated skip token, a page without data, a count that disagrees with the data, or a truncated
 * result without a skip token fails the stream: it never ends early in silence.
 */
public final class ResourceGraphPager extends PagedReader<Page> {

    static final String API = "Resource Graph";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResourceGraphPager.class);
    public static final String API_VERSION = "2021-03-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AzureHttpClient client;
    private final URI uri;
    private final String scope;
    private final String query;
    private final String queryName;
    private final java.util.function.Supplier<Batches> scopeBatches;
    private List<List<String>> batches;
    private String partialReason;
    private int pageSize;
    /** Resource Graph's header on an answer at tenant or management group scope that covered only the first 10,000 subscriptions. */
    public static final String SUBSCRIPTION_LIMIT_HEADER = "x-ms-tenant-subscription-limit-hit";
    /** The code of the error a tenant-scope read fails with when that header says true. */
    public static final String SUBSCRIPTION_LIMIT_HIT = "TenantSubscriptionLimitHit";

    /** Smallest $top the pager halves down to when Resource Graph says a page is too large. */
    static final int MIN_PAGE_SIZE = 1;

    private int batchIndex;
    private String skipToken;
    private String resumeFrom;
    private boolean resumed;
    private String positionKey;
    private final Set<String> seenTokens = new HashSet<>();
    private int pageNumber;
    /** Rows of the current subscription batch read so far, and how many it has ({@code totalRecords}; -1 until answered). */
    private long readInBatch;
    private long totalInBatch = -1;

    /**
     * The subscription batches a query is read in, and why part of the scope could not be read (or
     * null). A single empty batch means tenant scope (no subscriptions sent).
     */
    public record Batches(List<List<String>> lists, String partialReason) {

        public static final Batches TENANT = new Batches(List.of(List.of()), null);
    }

    /** A pager for a query read with a connector's connection (its client, Resource Manager endpoint and token audience). */
    public static ResourceGraphPager over(AzureConnection connection, String queryName, String query,
                                          java.util.function.Supplier<Batches> batches, int pageSize) {
        String arm = connection.armEndpoint();
        return new ResourceGraphPager(connection.http(), arm, io.azsync.auth.TokenProvider.scopeOf(arm), queryName, query, batches,
                pageSize);
    }

    /** @param batches subscription batches, resolved when the first page is read */
    public ResourceGraphPager(AzureHttpClient client, String armEndpoint, String tokenScope, String queryName, String query,
                              java.util.function.Supplier<Batches> batches, int pageSize) {
        this.client = client;
        this.uri = URI.create(armEndpoint + "/providers/Microsoft.ResourceGraph/resources?api-version=" + API_VERSION);
        this.scope = tokenScope;
        this.queryName = queryName;
        this.query = query;
        this.scopeBatches = batches;
        this.pageSize = pageSize;
    }

    @Override
    protected boolean hasMorePages() {
        return batches == null || batchIndex < batches.size();
    }

    /** Starts where an interrupted run stopped (a token of {@link Page#resumeToken()}), if the query and scope are unchanged. */
    public ResourceGraphPager resumeFrom(String token) {
        this.resumeFrom = token;
        return this;
    }

    @Override
    protected Page doPageRead() {
        if (batches == null) {
            Batches resolved = scopeBatches.get();
            batches = resolved.lists();
            partialReason = resolved.partialReason();
            if (batches.isEmpty()) {
                throw new AzureApiException(0, "NoSubscriptions", "no subscriptions in scope for query " + queryName);
            }
            positionKey = Integer.toHexString((query + batches).hashCode());
            applyResume();
        }
        AzureResponse response;
        try {
            response = sendAdaptingPageSize();
        } catch (AzureApiException e) {
            if (!resumed || e.status() != 400) {
                throw e;
            }
            LOG.warn("Query {}: the stored $skipToken was refused ({}): starting the stream over", queryName, e.code());
            resumed = false;
            batchIndex = 0;
            skipToken = null;
            readInBatch = 0;
            totalInBatch = -1;
            response = sendAdaptingPageSize();
        }
        resumed = false;
        JsonNode body = response.body();
        JsonNode data = body.path("data");
        if (!data.isArray()) {
            throw malformed("the answer has no data array (is resultFormat objectArray?)");
        }
        // the records' source texts (kept instead of trees), or the parsed array when they could not be kept
        RecordSlices texts = response.records();
        int size = texts != null ? texts.size() : data.size();
        if (body.hasNonNull("count") && body.get("count").asInt() != size) {
            throw malformed("count says " + body.get("count").asInt() + " records but the page holds " + size
                    + " (truncated page)");
        }
        readInBatch += size;
        if (body.hasNonNull("totalRecords")) {
            totalInBatch = body.get("totalRecords").asLong();
        }
        String token = body.hasNonNull("$skipToken") ? body.get("$skipToken").asText() : null;
        if (token != null && token.isEmpty()) {
            token = null;
        }
        if (token == null && "true".equalsIgnoreCase(body.path("resultTruncated").asText())) {
            throw new AzureApiException(200, "ResultTruncated", API + " truncated the result of query " + queryName
                    + " and gave no $skipToken: the query must keep the id column and order by id so that it can be paged");
        }
        if (token != null) {
            if (!seenTokens.add(token)) {
                throw new AzureApiException(200, "RepeatedSkipToken", API + " returned the same $skipToken twice for query "
                        + queryName + ": stopping so the stream neither loops nor ends early; run it again");
            }
            skipToken = token;
        } else {
            batchIndex++;
            skipToken = null;
            seenTokens.clear();
            readInBatch = 0;
            totalInBatch = -1;
        }
        boolean last = !hasMorePages();
        Position position = new Position(last ? null : position(), last, false, null, partialReason);
        if (texts != null) {
            return Page.ofSources(++pageNumber, texts.body(), texts.starts(), texts.ends(), position);
        }
        List<JsonNode> records = new ArrayList<>(data.size());
        data.forEach(records::add);
        return new Page(++pageNumber, records, position);
    }

    /**
     * Sends the page request; when Resource Graph answers that the page is above its 16 MiB limit
     * (400 ResponsePayloadTooLarge), halves $top and asks again from the same position, down to
     * {@link #MIN_PAGE_SIZE}; the smaller size is kept for the rest of the query.
     */
    private AzureResponse sendAdaptingPageSize() {
        while (true) {
            try {
                AzureResponse response = client.send(AzureRequest.post(API, uri, requestBody(), scope).keepingTextsOf("data")
                        .withPriority(pagesLeft()));
                if (batches.get(batchIndex).isEmpty() && response.headers() != null
                        && "true".equalsIgnoreCase(response.headers().getValue(com.azure.core.http.HttpHeaderName.fromString(SUBSCRIPTION_LIMIT_HEADER)))) {
                    if (!failOnSubscriptionLimit) {
                        LOG.warn("Query {}: Resource Graph answered at tenant scope for only the first 10,000 subscriptions", queryName);
                        return response;
                    }
                    throw new AzureApiException(200, SUBSCRIPTION_LIMIT_HIT, API + " answered query " + queryName + " at tenant scope for "
                            + "only the first 10,000 subscriptions (" + SUBSCRIPTION_LIMIT_HEADER + "): it must be read in explicit "
                            + "subscription batches");
                }
                return response;
            } catch (AzureApiException e) {
                if (e.status() != 400 || !"ResponsePayloadTooLarge".equals(e.code()) || pageSize <= MIN_PAGE_SIZE) {
                    if ("ResponsePayloadTooLarge".equals(e.code())) {
                        throw new AzureApiException(400, e.code(), API + " refused even a page of " + pageSize + " record(s) of query "
                                + queryName + " as larger than its 16 MiB answer limit: project fewer or smaller columns in "
                                + "queries/" + queryName + ".kql");
                    }
                    throw e;
                }
                int smaller = Math.max(MIN_PAGE_SIZE, pageSize / 2);
                LOG.info("Query {}: a page of {} records is above Resource Graph's answer limit; asking for {} at a time", queryName,
                        pageSize, smaller);
                pageSize = smaller;
            }
        }
    }

    private boolean failOnSubscriptionLimit;

    /**
     * For a tenant-scope read of subscription data: fail with {@link #SUBSCRIPTION_LIMIT_HIT} when
     * Resource Graph says it covered only the first 10,000 subscriptions, so the caller reads again
     * in explicit subscription batches instead of silently missing the rest.
     */
    public ResourceGraphPager failOnSubscriptionLimit() {
        this.failOnSubscriptionLimit = true;
        return this;
    }

    /** Records per page now ($top; smaller than asked after Resource Graph refused a page as too large). */
    /**
     * The pages this chain still has to read in its current subscription batch, from the
     * {@code totalRecords} Resource Graph answers with each page: its priority when requests wait for
     * the quota, so the longest chains go first and the chains end together. Unknown before the
     * first answer: the highest, as the first page tells how long the chain is.
     */
    int pagesLeft() {
        if (totalInBatch < 0) {
            return Integer.MAX_VALUE;
        }
        long left = Math.max(0, totalInBatch - readInBatch);
        return (int) Math.min(Integer.MAX_VALUE - 1L, (left + pageSize - 1) / pageSize);
    }

    public int pageSize() {
        return pageSize;
    }

    /** Where the next page starts: batch, skip token, and a key of the query and scope it belongs to. */
    private String position() {
        com.fasterxml.jackson.databind.node.ObjectNode p = JSON.createObjectNode();
        p.put("batch", batchIndex);
        p.put("skipToken", skipToken);
        p.put("key", positionKey);
        return p.toString();
    }

    private void applyResume() {
        if (resumeFrom == null) {
            return;
        }
        try {
            JsonNode p = JSON.readTree(resumeFrom);
            if (positionKey.equals(p.path("key").asText()) && p.path("batch").asInt() < batches.size()) {
                batchIndex = p.path("batch").asInt();
                skipToken = p.hasNonNull("skipToken") ? p.get("skipToken").asText() : null;
                resumed = true;
                LOG.info("Query {}: resuming an interrupted run at batch {} {}", queryName, batchIndex, skipToken == null ? "" : "(skip token)");
            } else {
                LOG.info("Query {}: the query or scope changed since the interrupted run: starting the stream over", queryName);
            }
        } catch (java.io.IOException e) {
            LOG.info("Query {}: unreadable resume position: starting the stream over", queryName);
        }
    }

    private String requestBody() {
        ObjectNode body = JSON.createObjectNode();
        List<String> subscriptions = batches.get(batchIndex);
        if (!subscriptions.isEmpty()) {
            ArrayNode subs = body.putArray("subscriptions");
            subscriptions.forEach(subs::add);
        }
        body.put("query", query);
        ObjectNode options = body.putObject("options");
        options.put("$top", pageSize);
        if (skipToken != null) {
            options.put("$skipToken", skipToken);
        }
        options.put("resultFormat", "objectArray");
        return body.toString();
    }

    private AzureApiException malformed(String what) {
        return new AzureApiException(200, "MalformedResponse", API + " returned a malformed page for query " + queryName + ": "
                + what + "; the stream stops so that no data is marked deleted");
    }
}
