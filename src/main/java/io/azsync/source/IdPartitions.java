package io.azsync.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Splits one query's result into partitions of about equal size, so its skip-token chains end at
 * about the same time. The key ({@link #SUFFIX}) is the last two digits of {@code id} before any
 * trailing non-digits ({@code vm-000123-nic} → {@code 23}), or the last two characters of an id
 * without them: the last characters alone would put every NIC named {@code …-nic} in one partition,
 * and a fixed character class would follow the names' skew (Defender assessment ids all end with
 * one of a few hundred recommendation GUIDs). One counting query ({@link #COUNT_BY_SUFFIX}) tells
 * how many rows each key has; keys are assigned largest first to the partition with the fewest
 * rows. Every partition but the last keeps its keys; the last keeps every other row, so a key that
 * appears after counting is still read. Only KQL that Resource Graph supports: {@code summarize …
 * by}, {@code iff}, {@code matches regex}, {@code extract}, {@code substring}, {@code strlen},
 * {@code tolower}, {@code in}, {@code not}.
 */
final class IdPartitions {

    static final String SUFFIX = "iff(id matches regex @'[0-9]{2}[^0-9]*$', extract(@'([0-9]{2})[^0-9]*$', 1, id), "
            + "tolower(substring(id, strlen(id) - 2, 2)))";

    /** Appended to the stream's query: rows per id suffix. */
    static final String COUNT_BY_SUFFIX = "\n| summarize n = count() by k = " + SUFFIX;

    private IdPartitions() {
    }

    /** At most {@code partitions} lists of suffixes; none empty, except the single one of an empty count. */
    static List<List<String>> plan(Map<String, Long> rowsBySuffix, int partitions) {
        List<List<String>> plan = new ArrayList<>();
        long[] sizes = new long[Math.max(1, Math.min(partitions, rowsBySuffix.size()))];
        for (int i = 0; i < sizes.length; i++) {
            plan.add(new ArrayList<>());
        }
        rowsBySuffix.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    int smallest = 0;
                    for (int i = 1; i < sizes.length; i++) {
                        if (sizes[i] < sizes[smallest]) {
                            smallest = i;
                        }
                    }
                    plan.get(smallest).add(e.getKey());
                    sizes[smallest] += e.getValue();
                });
        plan.removeIf(List::isEmpty);
        plan.forEach(l -> l.sort(Comparator.naturalOrder()));
        // nothing counted (an empty result): one chain, unfiltered
        return plan.isEmpty() ? List.of(List.of()) : plan;
    }

    /** The filter that keeps partition {@code index} of the plan; empty for a plan of one. */
    static String filter(List<List<String>> plan, int index) {
        if (plan.size() <= 1) {
            return "";
        }
        if (index < plan.size() - 1) {
            return "\n| where " + SUFFIX + " in (" + quoted(plan.get(index)) + ")";
        }
        List<String> others = plan.subList(0, plan.size() - 1).stream().flatMap(List::stream).toList();
        return "\n| where not(" + SUFFIX + " in (" + quoted(others) + "))";
    }

    private static String quoted(List<String> suffixes) {
        return suffixes.stream().map(s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'").collect(Collectors.joining(", "));
    }
}
