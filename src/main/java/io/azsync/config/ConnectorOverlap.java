package io.azsync.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rows are keyed by their Azure id, and {@code connector} is bookkeeping: two connectors that read
 * the same objects would overwrite each other's rows and mark each other's rows deleted. So two
 * enabled connectors of one tenant are refused unless they cannot meet: both name their
 * subscriptions explicitly ({@code subscriptions.include}), the lists share none, and no stream
 * that is not subscription-scoped (Entra, management groups) is enabled in both. Connectors of
 * different tenants never share an object.
 */
public final class ConnectorOverlap {

    private ConnectorOverlap() {
    }

    /**
     * @param allStreams          every stream (what a connector without a stream list enables)
     * @param subscriptionScoped  true for a stream whose rows belong to one subscription
     */
    public static List<Problem> check(List<ConnectorConfig> connectors, Collection<String> allStreams, Predicate<String> subscriptionScoped,
                                      String source) {
        List<Problem> problems = new ArrayList<>();
        List<ConnectorConfig> enabled = connectors.stream().filter(ConnectorConfig::enabled).toList();
        for (int i = 0; i < enabled.size(); i++) {
            for (int j = i + 1; j < enabled.size(); j++) {
                String problem = overlap(enabled.get(i), enabled.get(j), allStreams, subscriptionScoped);
                if (problem != null) {
                    problems.add(new Problem(source, 0, problem));
                }
            }
        }
        return problems;
    }

    private static String overlap(ConnectorConfig a, ConnectorConfig b, Collection<String> allStreams, Predicate<String> subscriptionScoped) {
        String tenant = tenant(a);
        if (tenant == null || !tenant.equals(tenant(b))) {
            return null;
        }
        Set<String> streamsA = streams(a, allStreams);
        Set<String> streamsB = streams(b, allStreams);
        List<String> tenantWide = streamsA.stream().filter(streamsB::contains).filter(subscriptionScoped.negate()).sorted().toList();
        boolean subscriptionStreams = streamsA.stream().filter(streamsB::contains).anyMatch(subscriptionScoped);
        List<String> subsA = subscriptions(a);
        List<String> subsB = subscriptions(b);
        List<String> what = new ArrayList<>();
        if (subscriptionStreams) {
            if (subsA.isEmpty() || subsB.isEmpty()) {
                what.add("subscriptions (" + (subsA.isEmpty() ? a.name() : b.name()) + " has no explicit subscriptions.include list, so it "
                        + "reads every subscription it can see)");
            } else {
                List<String> shared = subsA.stream().filter(subsB::contains).sorted().toList();
                if (!shared.isEmpty()) {
                    what.add("subscriptions " + String.join(", ", shared));
                }
            }
        }
        if (!tenantWide.isEmpty()) {
            what.add("tenant-wide streams " + String.join(", ", tenantWide));
        }
        if (what.isEmpty()) {
            return null;
        }
        return "connectors " + a.name() + " and " + b.name() + " both read tenant " + tenant + ": " + String.join("; ", what)
                + ". Rows are keyed by Azure id, so each would overwrite the other's rows and mark them deleted. Fix: give both explicit, "
                + "disjoint subscriptions.include lists and enable each tenant-wide stream in one of them only, or merge them into "
                + "one connector";
    }

    private static String tenant(ConnectorConfig c) {
        String t = c.settings().get(Settings.AZURE_TENANT_ID);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    private static Set<String> streams(ConnectorConfig c, Collection<String> allStreams) {
        return new LinkedHashSet<>(c.streams().isEmpty() ? allStreams : c.streams());
    }

    private static List<String> subscriptions(ConnectorConfig c) {
        return c.settings().list(Settings.SUBSCRIPTIONS).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
