package io.azsync.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.core.Page;
import io.azsync.core.Position;

/**
 * One Resource Graph query read through several skip-token chains at once: one chain per
 * subscription batch and id partition, each a {@link ResourceGraphPager} on its own thread (the
 * component's read-ahead threads), all paced by the connection's governor; at most {@code partitions}
 * chains read at once, the next starting when one ends. Pages are handed on in the order they
 * arrive; at most two wait per running chain, and one more is held by each chain that waits to
 * hand it on. The position stored with each page holds
 * every chain's own position after the pages handed on so far, so an interrupted run resumes each
 * chain where it stood; the last page is the one after which every chain has ended.
 * <p>
 * Id partitions split one subscription batch's result into parts of about equal size by the last
 * two characters of {@code id} ({@link IdPartitions}, from one counting query per batch; the last
 * partition {@code not(…)} of all the others', so every row falls in exactly one). Should Resource
 * Graph refuse the count, the last character of {@code id} in fixed classes is used instead.
 */
final class ResourceGraphChains extends PagedReader<Page> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEX = "0123456789abcdef";
    /** Pages each running chain may have read ahead of the stream. */
    static final int WAITING_PER_CHAIN = 2;

    private final AzureConnection connection;
    private final String queryName;
    private final String query;
    private final Supplier<ResourceGraphPager.Batches> scopeBatches;
    private final int partitions;
    private final int pageSize;
    private final ExecutorService executor;
    private String resumeFrom;

    private record Item(int chain, Page page, RuntimeException error) {
    }

    private BlockingQueue<Item> queue;
    /** The first chain's error, kept here too: offered to a full queue, it would be lost and the read fail without its cause. */
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failed = new java.util.concurrent.atomic.AtomicReference<>();
    private final List<Future<?>> running = new ArrayList<>();
    /** Chains not started yet: at most {@code partitions} read at once, the next starts when one ends. */
    private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
    private Future<?>[] futures;
    private String[] positions;
    private boolean[] ended;
    private int open;
    private Item pending;
    private int pageNumber;
    private String key;
    /** Per subscription batch, the filter of each of its chains. */
    private List<List<String>> filters;

    ResourceGraphChains(AzureConnection connection, String queryName, String query, Supplier<ResourceGraphPager.Batches> batches,
                        int partitions, int pageSize, ExecutorService executor) {
        this.connection = connection;
        this.queryName = queryName;
        this.query = query;
        this.scopeBatches = batches;
        this.partitions = partitions;
        this.pageSize = pageSize;
        this.executor = executor;
    }

    /** Continues each chain where an interrupted run left it (a token of a page this reader made), if query and scope are unchanged. */
    ResourceGraphChains resumeFrom(String token) {
        this.resumeFrom = token;
        return this;
    }

    /** The filter that keeps partition {@code index} of {@code count} (by the last character of id); empty for one partition. */
    static String partitionFilter(int index, int count) {
        if (count <= 1) {
            return "";
        }
        int width = HEX.length() / count;
        if (index < count - 1) {
            return "\n| where id matches regex @'(?i)[" + HEX.substring(index * width, (index + 1) * width) + "]$'";
        }
        return "\n| where not(id matches regex @'(?i)[" + HEX.substring(0, index * width) + "]$')";
    }

    private void start() {
        ResourceGraphPager.Batches resolved = scopeBatches.get();
        if (resolved.lists().isEmpty()) {
            throw new AzureApiException(0, "NoSubscriptions", "no subscriptions in scope for query " + queryName);
        }
        key = Integer.toHexString((query + resolved.lists() + partitions).hashCode());
        JsonNode resumed = resumed();
        // the partitions of each subscription batch: those of the interrupted run, or counted now
        filters = new ArrayList<>();
        for (int b = 0; b < resolved.lists().size(); b++) {
            JsonNode stored = resumed == null || !resumed.has("filters") ? null : resumed.path("filters").get(b);
            if (stored != null && stored.isArray()) {
                List<String> kept = new ArrayList<>();
                stored.forEach(f -> kept.add(f.asText()));
                filters.add(kept);
            } else {
                filters.add(partitionFilters(resolved.lists().get(b), resolved.partialReason()));
            }
        }
        int chains = filters.stream().mapToInt(List::size).sum();
        // positions are only meaningful with the filters they were read under (a position of an earlier release has none)
        String[] resume = resumed == null || !resumed.has("filters") || resumed.path("chains").size() != chains ? null
                : positionsOf(resumed, chains);
        positions = new String[chains];
        ended = new boolean[chains];
        futures = new Future<?>[chains];
        int inFlight = Math.min(chains, partitions);
        // memory: at most two pages waiting per running chain, plus the one each holds while it waits to hand it on. Two, not
        // one: a chain that found one page of its own still waiting no longer stops asking (the quota's slots went unused
        // while the stream loaded the pages before; the requests then bunched up at the end, a window late)
        queue = new ArrayBlockingQueue<>(WAITING_PER_CHAIN * inFlight);
        int chain = 0;
        for (int b = 0; b < resolved.lists().size(); b++) {
            List<String> batch = resolved.lists().get(b);
            for (String filter : filters.get(b)) {
                int index = chain++;
                if (resume != null && "done".equals(resume[index])) {
                    ended[index] = true;
                    positions[index] = "done";
                    continue;
                }
                ResourceGraphPager pager = ResourceGraphPager.over(connection, queryName, query.strip() + filter,
                        () -> new ResourceGraphPager.Batches(List.of(batch), resolved.partialReason()), pageSize)
                        .resumeFrom(resume == null ? null : resume[index]);
                open++;
                waiting.add(() -> {
                    futures[index] = executor.submit(() -> read(index, pager));
                    running.add(futures[index]);
                });
            }
        }
        for (int i = 0; i < inFlight && !waiting.isEmpty(); i++) {
            waiting.poll().run();
        }
    }

    private void read(int chain, ResourceGraphPager pager) {
        try {
            for (Page page : pager) {
                queue.put(new Item(chain, page, null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException re ? re
                    : new AzureApiException(0, null, "chain " + chain + " of query " + queryName + " failed: " + e);
            failed.compareAndSet(null, failure);
            // offered, not put: a reader that stopped taking must not keep this thread; take() notices a chain that ended
            queue.offer(new Item(chain, null, failure));
        }
    }

    /** The interrupted run's position, when it was made for this query, scope and partition count. */
    private JsonNode resumed() {
        if (resumeFrom == null) {
            return null;
        }
        try {
            JsonNode p = JSON.readTree(resumeFrom);
            return key.equals(p.path("key").asText()) ? p : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String[] positionsOf(JsonNode resumed, int chains) {
        String[] out = new String[chains];
        for (int i = 0; i < chains; i++) {
            JsonNode c = resumed.path("chains").get(i);
            out[i] = c == null || c.isNull() ? null : c.asText();
        }
        return out;
    }

    /**
     * The filters of one subscription batch's chains: {@link IdPartitions} from one counting query;
     * if Resource Graph refuses that query, the last character of id in fixed classes.
     */
    private List<String> partitionFilters(List<String> batch, String partialReason) {
        if (partitions <= 1) {
            return List.of("");
        }
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        try {
            for (Page page : ResourceGraphPager.over(connection, queryName + " (rows per id suffix)", query.strip() + IdPartitions.COUNT_BY_SUFFIX,
                    () -> new ResourceGraphPager.Batches(List.of(batch), partialReason), pageSize)) {
                page.records().forEach(r -> counts.merge(r.path("k").asText(), r.path("n").asLong(), Long::sum));
            }
        } catch (AzureApiException e) {
            // refused, or more suffixes than one answer holds (a summarize result has no id to page by)
            if (e.status() != 400 && !"ResultTruncated".equals(e.code())) {
                throw e;
            }
            org.slf4j.LoggerFactory.getLogger(ResourceGraphChains.class).warn("Query {}: counting rows per id suffix was refused ({}); "
                    + "partitions by the last character of id instead", queryName, e.getMessage());
            List<String> fixed = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                fixed.add(partitionFilter(p, partitions));
            }
            return fixed;
        }
        // no more chains than the rows fill pages: a small result is one chain, as if it were not partitioned
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        int chains = (int) Math.max(1, Math.min(partitions, (rows + pageSize - 1) / pageSize));
        List<List<String>> plan = IdPartitions.plan(counts, chains);
        List<String> out = new ArrayList<>();
        for (int p = 0; p < plan.size(); p++) {
            out.add(IdPartitions.filter(plan, p));
        }
        return out;
    }

    @Override
    protected boolean hasMorePages() {
        if (queue == null) {
            return true;
        }
        if (pending == null && open > 0) {
            pending = take();
        }
        return pending != null;
    }

    /**
     * The next page of any chain; waits while chains are still reading. A chain whose thread ended
     * without handing on its last page (interrupted, or its error could not be handed on) fails the
     * read instead of leaving it waiting for ever.
     */
    private Item take() {
        try {
            Item item;
            while ((item = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                if (failed.get() != null) {
                    // its error did not fit in the queue when it failed (every place held a page of another chain)
                    close();
                    throw failed.get();
                }
                for (int i = 0; i < futures.length; i++) {
                    if (!ended[i] && futures[i] != null && futures[i].isDone() && queue.isEmpty()) {
                        close();
                        throw new AzureApiException(0, null, "a chain of query " + queryName + " ended without its last page "
                                + "(interrupted): the stream stops so that no data is marked deleted; run it again");
                    }
                }
            }
            if (item.error() != null) {
                close();
                throw item.error();
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new AzureApiException(0, null, "Resource Graph call interrupted");
        }
    }

    @Override
    protected Page doPageRead() {
        if (queue == null) {
            start();
            if (open == 0) {
                // every chain had ended when the interrupted run stopped: nothing left to read
                return new Page(++pageNumber, List.of(), Position.LAST);
            }
        }
        Item item = pending != null ? pending : take();
        pending = null;
        Position chainPosition = item.page().position();
        if (chainPosition.last()) {
            ended[item.chain()] = true;
            positions[item.chain()] = "done";
            open--;
            Runnable next = waiting.poll();
            if (next != null) {
                next.run();
            }
        } else {
            positions[item.chain()] = chainPosition.resumeToken();
        }
        boolean last = open == 0;
        return new Page(++pageNumber, item.page().records(),
                new Position(last ? null : position(), last, false, null, chainPosition.partialReason()));
    }

    private String position() {
        ObjectNode p = JSON.createObjectNode();
        p.put("key", key);
        ArrayNode stored = p.putArray("filters");
        for (List<String> batch : filters) {
            ArrayNode list = stored.addArray();
            batch.forEach(list::add);
        }
        ArrayNode chains = p.putArray("chains");
        for (String position : positions) {
            chains.add(position);
        }
        return p.toString();
    }

    @Override
    public void close() {
        super.close();
        running.forEach(f -> f.cancel(true));
    }
}
