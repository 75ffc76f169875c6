package io.azsync.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.azsync.core.Page;
import io.azsync.core.PresenceCheck;

/**
 * Confirms absences with the stream's own query narrowed to some ids ({@code | where id in~ (…)}),
 * one query per 100 ids (with their subscriptions), paced by the same governor. The records it
 * returns have the stream's projection, so the stream's map reads them as it reads a page.
 */
final class ResourceGraphPresence implements PresenceCheck {

    /** Ids per confirmation query: keeps the query text well within Resource Graph's limits. */
    static final int IDS_PER_QUERY = 100;

    private final AzureConnection connection;
    private final String queryName;
    private final String query;

    ResourceGraphPresence(AzureConnection connection, String queryName, String query) {
        this.connection = connection;
        this.queryName = queryName;
        this.query = query;
    }

    @Override
    public List<Page> find(List<String> ids) {
        List<Page> found = new ArrayList<>();
        // 100 ids a query, sent with the distinct subscriptions they belong to (at most 100); tenant-level ids (management
        // groups) go in queries of their own, at tenant scope
        Map<Boolean, List<String>> byLevel = ids.stream().collect(Collectors.partitioningBy(id -> subscriptionOf(id).isEmpty()));
        for (List<String> group : byLevel.values()) {
            for (int from = 0; from < group.size(); from += IDS_PER_QUERY) {
                List<String> chunk = group.subList(from, Math.min(group.size(), from + IDS_PER_QUERY));
                List<String> subscriptions = chunk.stream().map(ResourceGraphPresence::subscriptionOf).filter(sub -> !sub.isEmpty())
                        .distinct().toList();
                ResourceGraphPager pager = ResourceGraphPager.over(connection, queryName + " (deletion confirmation)", narrowed(chunk),
                        () -> new ResourceGraphPager.Batches(List.of(subscriptions), null), ResourceGraphEndpoint.MAX_PAGE_SIZE);
                for (Page page : pager) {
                    found.add(page);
                }
            }
        }
        return found;
    }

    /** The stream's query, keeping only the given ids (case-insensitively, as ids are compared everywhere). */
    String narrowed(List<String> ids) {
        return query.strip() + "\n| where id in~ (" + ids.stream().map(id -> "'" + id.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    static String subscriptionOf(String id) {
        String[] parts = id.toLowerCase(Locale.ROOT).split("/");
        return parts.length > 2 && parts[1].equals("subscriptions") ? parts[2] : "";
    }
}
