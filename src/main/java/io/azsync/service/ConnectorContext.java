package io.azsync.service;

import java.util.List;
import java.util.Locale;

import io.azsync.config.ConnectorConfig;
import io.azsync.config.Settings;
import io.azsync.source.AzureConnection;
import io.azsync.source.SubscriptionLister;
import io.azsync.core.SubscriptionScope;

/**
 * A connector at run time: its configuration, its own connection to Azure (credential, token cache,
 * governor) and its subscription list when {@code azsync sync} read it ahead.
 */
public record ConnectorContext(ConnectorConfig config, AzureConnection connection, io.azsync.source.SubscriptionReadAhead subscriptions) {

    static ConnectorContext of(ConnectorConfig config) {
        Settings s = config.settings();
        return new ConnectorContext(config, new AzureConnection(config.name(), AzsyncRuntime.httpClient(s), s.armEndpoint(), s.graphEndpoint()),
                new io.azsync.source.SubscriptionReadAhead());
    }

    public String name() {
        return config.name();
    }

    public Settings settings() {
        return config.settings();
    }

    /**
     * The subscriptions of one sync: the connector's include list, or every visible subscription
     * (listed on first use) minus its exclude list.
     */
    public SubscriptionScope newScope() {
        SubscriptionLister lister = new SubscriptionLister(connection.http(), connection.armEndpoint());
        List<String> excluded = config.excludedSubscriptions();
        return new SubscriptionScope(settings().list(Settings.SUBSCRIPTIONS),
                () -> lister.list().stream().filter(id -> !excluded.contains(id.toLowerCase(Locale.ROOT))).toList(), !excluded.isEmpty());
    }

    /** The scope with the connector's rules (management groups, disabled subscriptions, new ones) applied. */
    public SubscriptionScope newScope(io.azsync.sink.Database database) {
        ScopeResolver resolver = new ScopeResolver(config, connection, database, subscriptions);
        io.azsync.config.ConnectorConfig.ScopeRules rules = config.scope();
        boolean narrowed = !config.excludedSubscriptions().isEmpty() || rules.byManagementGroup() || !rules.autoIncludeNewSubscriptions();
        SubscriptionLister lister = new SubscriptionLister(connection.http(), connection.armEndpoint());
        return new SubscriptionScope(settings().list(Settings.SUBSCRIPTIONS), resolver::resolve, narrowed, lister::list);
    }

    /**
     * Fetches the Resource Manager token into the connection's cache, then, when the connector lists
     * its subscriptions (no explicit list), reads that list ahead for the sync's first scope. A
     * failure is left to the sync's own requests to report.
     */
    void prefetch() {
        try {
            connection.http().tokens().token(io.azsync.auth.TokenProvider.scopeOf(connection.armEndpoint()));
        } catch (RuntimeException e) {
            subscriptions.none();
            return; // the sync's own request asks again and fails with the advice
        }
        if (listsSubscriptions()) {
            subscriptions.readAhead(new SubscriptionLister(connection.http(), connection.armEndpoint()));
        }
    }

    /** Announces {@link #prefetch()}'s subscription list before its thread starts, so the sync's first scope waits for it. */
    void expectPrefetch() {
        if (listsSubscriptions()) {
            subscriptions.expect();
        }
    }

    private boolean listsSubscriptions() {
        return settings().list(Settings.SUBSCRIPTIONS).isEmpty();
    }

    /** The connector's enabled streams among all stream routes. */
    public List<String> streams(List<String> all) {
        List<String> enabled = config.streams();
        if (enabled.isEmpty()) {
            return all;
        }
        for (String s : enabled) {
            if (!all.contains(s)) {
                throw new IllegalArgumentException("connector " + name() + " enables unknown stream '" + s + "' (streams: "
                        + String.join(", ", all) + ")");
            }
        }
        return all.stream().filter(enabled::contains).toList();
    }
}
