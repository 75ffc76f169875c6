package io.azsync.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.config.ConnectorConfig;
import io.azsync.sink.Database;
import io.azsync.source.AzureConnection;
import io.azsync.core.Page;
import io.azsync.source.ResourceGraphPager;
import io.azsync.source.SubscriptionLister;
import io.azsync.core.SubscriptionScope;

/**
 * Resolves a connector's subscriptions for one sync when no explicit list is given: every
 * subscription the principal sees, minus disabled or deleted ones (logged, when
 * disable-deleted-subscriptions is on), filtered by management groups (from Resource Graph's
 * managementGroupAncestorsChain, one paged query), minus the exclude list, and — with
 * auto-include-new-subscriptions off — only those the connector already knows.
 */
final class ScopeResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeResolver.class);
    static final String CHAIN_QUERY = "resourcecontainers | where type =~ 'microsoft.resources/subscriptions' "
            + "| project id, subscriptionId, properties | order by id asc";

    private final ConnectorConfig config;
    private final AzureConnection connection;
    private final Database database;
    private final io.azsync.source.SubscriptionReadAhead ahead;

    ScopeResolver(ConnectorConfig config, AzureConnection connection, Database database, io.azsync.source.SubscriptionReadAhead ahead) {
        this.config = config;
        this.connection = connection;
        this.database = database;
        this.ahead = ahead;
    }

    SubscriptionScope.Resolution resolve() {
        ConnectorConfig.ScopeRules rules = config.scope();
        List<String> ids = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (SubscriptionLister.Subscription s : ahead.take(new SubscriptionLister(connection.http(), connection.armEndpoint()))) {
            listed.add(s.id().toLowerCase(Locale.ROOT));
            if (rules.disableDeletedSubscriptions() && !s.active()) {
                LOG.warn("Connector {}: subscription {} ({}) is {}: its resources are kept as they were and no longer refreshed",
                        config.name(), s.id(), s.displayName(), s.state());
                leftOut.add(s.id().toLowerCase(Locale.ROOT));
                continue;
            }
            ids.add(s.id().toLowerCase(Locale.ROOT));
        }
        if (rules.byManagementGroup()) {
            Set<String> inGroups = byManagementGroup(rules, listed);
            ids.removeIf(id -> !inGroups.contains(id));
            leftOut.removeIf(id -> !inGroups.contains(id));
        }
        ids.removeAll(config.excludedSubscriptions());
        leftOut.removeAll(config.excludedSubscriptions());
        Set<String> known = known();
        // synced before, now not listed at all: access lost (or the subscription is gone): never read as empty
        List<String> unreadable = known.stream().filter(id -> !listed.contains(id) && !config.excludedSubscriptions().contains(id))
                .sorted().toList();
        if (!rules.autoIncludeNewSubscriptions()) {
            if (!known.isEmpty()) {
                List<String> fresh = ids.stream().filter(id -> !known.contains(id)).toList();
                if (!fresh.isEmpty()) {
                    LOG.info("Connector {}: new subscription(s) {} are not synced (auto-include-new-subscriptions is off)",
                            config.name(), fresh);
                }
                ids.retainAll(known);
            }
        }
        return new SubscriptionScope.Resolution(ids, unreadable, leftOut);
    }

    /**
     * Subscriptions whose management group ancestors match the include list and miss the exclude
     * list: one query at tenant scope; when Resource Graph says it covered only the first 10,000
     * subscriptions, again in explicit batches of the listed ones.
     */
    private Set<String> byManagementGroup(ConnectorConfig.ScopeRules rules, Set<String> listed) {
        try {
            return byManagementGroup(rules, ResourceGraphPager.Batches.TENANT);
        } catch (io.azsync.source.AzureApiException e) {
            if (!ResourceGraphPager.SUBSCRIPTION_LIMIT_HIT.equals(e.code())) {
                throw e;
            }
            LOG.info("Connector {}: more subscriptions than Resource Graph answers for at tenant scope; reading their management "
                    + "groups in batches of {}", config.name(), io.azsync.source.ResourceGraphEndpoint.BATCH_SIZE);
            List<String> all = new ArrayList<>(listed);
            java.util.Collections.sort(all);
            List<List<String>> batches = new ArrayList<>();
            for (int i = 0; i < all.size(); i += io.azsync.source.ResourceGraphEndpoint.BATCH_SIZE) {
                batches.add(all.subList(i, Math.min(all.size(), i + io.azsync.source.ResourceGraphEndpoint.BATCH_SIZE)));
            }
            return byManagementGroup(rules, new ResourceGraphPager.Batches(batches, null));
        }
    }

    private Set<String> byManagementGroup(ConnectorConfig.ScopeRules rules, ResourceGraphPager.Batches batches) {
        Set<String> out = new HashSet<>();
        ResourceGraphPager pager = ResourceGraphPager.over(connection, "subscription-management-groups", CHAIN_QUERY, () -> batches, 1000)
                .failOnSubscriptionLimit();
        for (Page page : pager) {
            for (JsonNode sub : page.records()) {
                Set<String> chain = new HashSet<>();
                sub.path("properties").path("managementGroupAncestorsChain").forEach(g -> chain.add(g.path("name").asText().toLowerCase(Locale.ROOT)));
                boolean included = rules.includeManagementGroups().isEmpty() || rules.includeManagementGroups().stream().anyMatch(chain::contains);
                boolean excluded = rules.excludeManagementGroups().stream().anyMatch(chain::contains);
                if (included && !excluded) {
                    out.add(sub.path("subscriptionId").asText().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /**
     * Subscriptions this connector already stores (and that are not deleted). Fails closed: a
     * database error here fails the sync, because an empty answer would let a subscription the
     * principal lost read as empty and all its rows be marked deleted. Only a database without the
     * table (no azure-subscriptions map) knows none.
     */
    private Set<String> known() {
        if (!hasSubscriptionsTable()) {
            return Set.of();
        }
        try {
            return database.inTransaction(c -> {
                Set<String> ids = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT subscription_id FROM azure_subscriptions WHERE connector = ? AND deleted_at IS NULL")) {
                    ps.setString(1, config.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                return ids;
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read azure_subscriptions to check which subscriptions connector " + config.name()
                    + " synced before (" + io.azsync.run.Failures.message(e) + "): nothing is marked deleted in this sync; fix the "
                    + "table or the database and sync again", e);
        }
    }

    private boolean hasSubscriptionsTable() {
        return database.inTransaction(c -> {
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "azure_subscriptions", null)) {
                return rs.next();
            }
        });
    }
}
