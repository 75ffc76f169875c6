package io.azsync.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The subscriptions a sync covers: the explicit list of {@code AZSYNC_SUBSCRIPTIONS}, or every
 * subscription the principal can see (listed once per sync, on first use). Deletion marking of
 * subscription-scoped tables is limited to an explicit scope.
 * <p>
 * Resource Graph trims its answers to what the principal may read, silently: a subscription the
 * principal lost access to would read as empty, and all its rows would be marked deleted. So the
 * scope also knows which of its subscriptions cannot be read ({@link #unreadable()}): an explicit
 * one that Resource Manager does not list, or one the connector synced before that it no longer
 * lists. Those are left out of the queries, their rows are kept, and the runs end partial.
 */
public final class SubscriptionScope {

    /**
     * The subscriptions to query, the ones in scope that cannot be read, and the ones left out for
     * their state (disabled, deleted): those keep their row in {@code azure_subscriptions} with that
     * state, while their resources are kept as they were.
     */
    public record Resolution(List<String> readable, List<String> unreadable, List<String> leftOutForState) {
        public Resolution(List<String> readable, List<String> unreadable) {
            this(readable, unreadable, List.of());
        }
    }

    private final List<String> explicit;
    private final Supplier<Resolution> resolver;
    private final Supplier<List<String>> visible;
    private final boolean narrowed;
    private List<String> resolved;
    private List<String> unreadable;
    private List<String> leftOut = List.of();

    public SubscriptionScope(List<String> explicit, Supplier<List<String>> lister) {
        this(explicit, lister, false);
    }

    /**
     * @param narrowed the lister leaves out subscriptions the principal sees (management groups, an
     *                 exclude list): deletion marking must then stay within the listed ones
     */
    public SubscriptionScope(List<String> explicit, Supplier<List<String>> lister, boolean narrowed) {
        this(explicit, () -> new Resolution(lister.get(), List.of()), narrowed, null);
    }

    /**
     * @param resolver the subscriptions of a scope without an explicit list (and those of them that cannot be read)
     * @param visible  every subscription the principal sees, to check an explicit list against; null: trust the list
     */
    public SubscriptionScope(List<String> explicit, Supplier<Resolution> resolver, boolean narrowed, Supplier<List<String>> visible) {
        this.explicit = lower(explicit);
        this.resolver = resolver;
        this.narrowed = narrowed;
        this.visible = visible;
    }

    private static List<String> lower(List<String> ids) {
        return ids.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /**
     * True when the scope is a given list, a narrowed one, or has unreadable subscriptions, so rows of
     * other subscriptions must not be marked deleted; false when it is everything the principal sees.
     */
    public boolean isExplicit() {
        return !explicit.isEmpty() || narrowed || !unreadable().isEmpty() || !leftOutForState().isEmpty();
    }

    /** Lower-cased ids of subscriptions the principal sees that are left out for their state (disabled, deleted). */
    public synchronized List<String> leftOutForState() {
        resolve();
        return leftOut;
    }

    /**
     * The subscription inventory: the readable subscriptions and those left out for their state, so
     * every subscription the principal can see keeps a row with its state ({@code azure-subscriptions}).
     */
    public List<List<String>> inventoryBatches(int size) {
        List<String> ids = new ArrayList<>(subscriptionIds());
        leftOutForState().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return batchesOf(ids, size);
    }

    /** True when the subscriptions were given as a list (nothing needs listing). */
    public boolean isListed() {
        return !explicit.isEmpty();
    }

    /** Lower-cased ids of the subscriptions in scope that can be read: the ones queried. */
    public synchronized List<String> subscriptionIds() {
        resolve();
        return resolved;
    }

    /** Lower-cased ids of subscriptions in scope the principal cannot read (not queried; their rows are kept). */
    public synchronized List<String> unreadable() {
        resolve();
        return unreadable;
    }

    private void resolve() {
        if (resolved != null) {
            return;
        }
        if (isListed()) {
            if (visible == null) {
                resolved = explicit;
                unreadable = List.of();
            } else {
                java.util.Set<String> seen = new java.util.HashSet<>(lower(visible.get()));
                resolved = explicit.stream().filter(seen::contains).toList();
                unreadable = explicit.stream().filter(id -> !seen.contains(id)).toList();
            }
        } else {
            Resolution r = resolver.get();
            resolved = lower(r.readable());
            unreadable = lower(r.unreadable());
            leftOut = lower(r.leftOutForState());
        }
    }

    /** The readable ids in batches of at most {@code size} (Resource Graph takes at most 1000 per request). */
    public List<List<String>> batches(int size) {
        return batchesOf(subscriptionIds(), size);
    }

    private static List<List<String>> batchesOf(List<String> ids, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            out.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return out;
    }

    /** Why a run over this scope is partial, naming the subscriptions and the fix; null when every subscription can be read. */
    public String partialReason() {
        List<String> missing = unreadable();
        if (missing.isEmpty()) {
            return null;
        }
        return "subscription(s) " + String.join(", ", missing) + " cannot be read by the principal (Resource Manager does not list "
                + "them: no Reader role, or the subscription was moved or removed); their rows were kept, not refreshed and not marked "
                + "deleted. Fix: az role assignment create --assignee $AZURE_CLIENT_ID --role Reader --scope /subscriptions/<id>, "
                + "or take the subscription out of the scope";
    }
}
