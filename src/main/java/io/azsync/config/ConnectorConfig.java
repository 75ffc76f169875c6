package io.azsync.config;

import java.util.List;
import java.util.Map;

/**
 * One connector: a tenant with its credential, cloud, subscription scope, enabled streams and
 * polling schedules. Its {@link Settings} are the process settings with the connector's values laid
 * over them (credential secrets resolved from the environment variable or file the connector names).
 */
public record ConnectorConfig(String name, String description, boolean enabled, Settings settings, List<String> streams,
                              List<String> excludedSubscriptions, Map<String, Schedule> schedules, ScopeRules scope) {

    /**
     * Subscription scope beyond the include/exclude lists: management groups to include or exclude,
     * whether subscriptions that appear later join automatically, and whether disabled or deleted
     * subscriptions leave the scope.
     */
    public record ScopeRules(List<String> includeManagementGroups, List<String> excludeManagementGroups,
                             boolean autoIncludeNewSubscriptions, boolean disableDeletedSubscriptions) {
        public static final ScopeRules DEFAULT = new ScopeRules(List.of(), List.of(), true, true);

        public boolean byManagementGroup() {
            return !includeManagementGroups.isEmpty() || !excludeManagementGroups.isEmpty();
        }
    }

    public ConnectorConfig(String name, String description, boolean enabled, Settings settings, List<String> streams,
                           List<String> excludedSubscriptions, Map<String, Schedule> schedules) {
        this(name, description, enabled, settings, streams, excludedSubscriptions, schedules, ScopeRules.DEFAULT);
    }

    /** The stream group of a stream: the part of its name before the first dash (azure, entra, defender). */
    public static String groupOf(String stream) {
        int dash = stream.indexOf('-');
        return dash < 0 ? stream : stream.substring(0, dash);
    }

    /** The schedule of a stream group: its own, else the connector's {@code default}, else every 4 hours. */
    public Schedule scheduleOf(String group) {
        return schedules.getOrDefault(group, schedules.getOrDefault("default", Schedule.DEFAULT));
    }
}
