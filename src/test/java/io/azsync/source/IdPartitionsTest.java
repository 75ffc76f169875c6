package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Partitions of about equal size from the rows per id suffix, and filters that cover every row once. */
class IdPartitionsTest {

    @Test
    void skewedSuffixesAreSpreadSoThatPartitionsHoldAboutTheSameRows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        // 40 recommendations of 1,200 assessments each, plus a few large and small ones
        for (int i = 0; i < 40; i++) {
            counts.put(String.format("%02x", i * 5), 1200L);
        }
        counts.put("zz", 3000L);
        counts.put("aa", 10L);
        List<List<String>> plan = IdPartitions.plan(counts, 4);

        assertEquals(4, plan.size());
        long[] sizes = plan.stream().mapToLong(p -> p.stream().mapToLong(counts::get).sum()).toArray();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        for (long size : sizes) {
            assertTrue(Math.abs(size - total / 4.0) <= 1200, "partition of " + size + " rows of " + total);
        }
        assertEquals(counts.size(), plan.stream().mapToInt(List::size).sum(), "every suffix in one partition");
    }

    @Test
    void fewerSuffixesThanPartitionsMakeFewerPartitions() {
        assertEquals(2, IdPartitions.plan(Map.of("01", 5L, "02", 7L), 4).size());
        assertEquals(1, IdPartitions.plan(Map.of(), 4).size(), "an empty result is read by one chain");
        assertEquals("", IdPartitions.filter(IdPartitions.plan(Map.of(), 4), 0));
    }

    @Test
    void theLastPartitionKeepsEverySuffixTheOthersDoNot() {
        List<List<String>> plan = List.of(List.of("0a", "1b"), List.of("2c"), List.of("3d"));
        assertEquals("\n| where " + IdPartitions.SUFFIX + " in ('0a', '1b')", IdPartitions.filter(plan, 0));
        assertEquals("\n| where not(" + IdPartitions.SUFFIX + " in ('0a', '1b', '2c'))", IdPartitions.filter(plan, 2),
                "a suffix that appears after counting is still read");
    }
}
