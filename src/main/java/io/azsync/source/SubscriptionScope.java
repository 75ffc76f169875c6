package io.azsync.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The subscriptions a sync covers: the explicit list of {@code AZSYNC_SUBSCRIPTIONS}, or every
 * subscription the principal can see (listed once per sync, on first use). Deletion marking of
 * subscription-scoped tables is limited to an explicit scope.
 */
public final class SubscriptionScope {

    private final List<String> explicit;
    private final Supplier<List<String>> lister;
    private final boolean narrowed;
    private List<String> resolved;

    public SubscriptionScope(List<String> explicit, Supplier<List<String>> lister) {
        this(explicit, lister, false);
    }

    /**
     * @param narrowed the lister leaves out subscriptions the principal sees (management groups, an
     *                 exclude list): deletion marking must then stay within the listed ones
     */
    public SubscriptionScope(List<String> explicit, Supplier<List<String>> lister, boolean narrowed) {
        this.explicit = explicit.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        this.lister = lister;
        this.narrowed = narrowed;
    }

    /**
     * True when the scope is a given list or a narrowed one, so rows of other subscriptions must not
     * be marked deleted; false when it is everything the principal sees.
     */
    public boolean isExplicit() {
        return !explicit.isEmpty() || narrowed;
    }

    /** True when the subscriptions were given as a list (nothing needs listing). */
    public boolean isListed() {
        return !explicit.isEmpty();
    }

    /** Lower-cased subscription ids in scope. */
    public synchronized List<String> subscriptionIds() {
        if (resolved == null) {
            resolved = isListed() ? explicit : lister.get().stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        }
        return resolved;
    }

    /** The ids in batches of at most {@code size} (Resource Graph takes at most 1000 per request). */
    public List<List<String>> batches(int size) {
        List<String> ids = subscriptionIds();
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            out.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return out;
    }
}
