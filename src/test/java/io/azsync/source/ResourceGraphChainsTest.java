package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.config.Settings;
import io.azsync.core.Page;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.service.AzsyncRuntime;

/** One query read through several skip-token chains at once, against the simulator over HTTPS. */
class ResourceGraphChainsTest {

    static final String QUERY = "resources | where type =~ 'microsoft.compute/virtualmachines' | order by id asc";
    static final String SUB = "aaaaaaaa-0000-4000-8000-000000000001";

    FakeAzure azure;
    AzureConnection connection;
    ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        connection = new AzureConnection("default", AzsyncRuntime.httpClient(Settings.load(azure.env(), null)), azure.url(), azure.url());
        for (int i = 0; i < 230; i++) {
            // names ending in every character class, as real resource names do
            azure.add(FakeResources.virtualMachine(SUB, "rg", "vm-" + Integer.toHexString(i * 7919) + (i % 3 == 0 ? "x" : ""), null));
        }
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        azure.close();
    }

    ResourceGraphChains chains(int partitions) {
        return new ResourceGraphChains(connection, "vms", QUERY, () -> new ResourceGraphPager.Batches(List.of(List.of(SUB)), null),
                partitions, 20, threads);
    }

    @Test
    void thePartitionsTogetherHoldEveryRowExactlyOnceAndOnlyTheLastPageSaysSo() {
        List<Page> pages = new ArrayList<>();
        chains(4).forEach(pages::add);

        List<String> ids = new ArrayList<>();
        pages.forEach(p -> p.records().forEach(r -> ids.add(r.path("id").asText())));
        assertEquals(230, ids.size(), "no row lost");
        assertEquals(230, new HashSet<>(ids).size(), "no row twice");
        assertTrue(pages.get(pages.size() - 1).position().last());
        assertTrue(pages.subList(0, pages.size() - 1).stream().noneMatch(p -> p.position().last()));
        List<String> queries = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().map(r -> r.json().path("query").asText()).distinct().toList();
        assertEquals(5, queries.size(), "one counting query, then four partition queries: " + queries);
        assertTrue(queries.get(0).endsWith("| summarize n = count() by k = " + IdPartitions.SUFFIX), queries.get(0));
        assertTrue(queries.subList(1, 5).stream().allMatch(q -> q.contains(IdPartitions.SUFFIX + " in (")),
                queries.toString());
    }

    @Test
    void namesWithACommonEndingAreSplitByTheirLastDigits() {
        for (int i = 0; i < 200; i++) {
            // what NICs and public IPs are often named after their VM: the last two characters are the same for all
            azure.add(FakeResources.networkInterface(SUB, "rg", String.format("vm-%06d-nic", i), String.format("vm-%06d", i), "10.0.0.4", null));
        }
        List<Page> pages = new ArrayList<>();
        new ResourceGraphChains(connection, "nics", "resources | where type =~ 'microsoft.network/networkinterfaces' | order by id asc",
                () -> new ResourceGraphPager.Batches(List.of(List.of(SUB)), null), 4, 20, threads).forEach(pages::add);

        List<String> ids = new ArrayList<>();
        pages.forEach(p -> p.records().forEach(r -> ids.add(r.path("id").asText())));
        assertEquals(200, new HashSet<>(ids).size(), "every NIC once");
        assertEquals(200, ids.size());
        List<String> queries = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().map(r -> r.json().path("query").asText()).distinct().toList();
        assertEquals(5, queries.size(), "the counting query, then four partitions, not one chain: " + queries);
        // 100 keys (00 to 99) counted at 20 a page, then four partitions of 50 rows: 3 pages each, each part's page minimum
        assertEquals(100 / 20 + 4 * 3, azure.requests(FakeAzure.RESOURCE_GRAPH).size());
    }

    @Test
    void aResultThatFillsOnePageIsReadAsOneChain() {
        for (int i = 0; i < 15; i++) {
            azure.add(FakeResources.networkInterface(SUB, "rg", String.format("vm-%06d-nic", i), String.format("vm-%06d", i), "10.0.0.4", null));
        }
        List<Page> pages = new ArrayList<>();
        new ResourceGraphChains(connection, "nics", "resources | where type =~ 'microsoft.network/networkinterfaces' | order by id asc",
                () -> new ResourceGraphPager.Batches(List.of(List.of(SUB)), null), 4, 20, threads).forEach(pages::add);

        assertEquals(15, pages.stream().mapToInt(p -> p.records().size()).sum());
        List<String> queries = azure.requests(FakeAzure.RESOURCE_GRAPH).stream().map(r -> r.json().path("query").asText()).toList();
        assertEquals(2, queries.size(), "the count, then one page: four partitions would read four part-filled pages: " + queries);
        assertTrue(queries.get(1).endsWith("order by id asc"), "unfiltered: " + queries.get(1));
    }

    @Test
    void anInterruptedReadResumesEachChainWhereItStood() {
        ResourceGraphChains first = chains(4);
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int i = 0; i < 5; i++) {
            Page page = first.next();
            page.records().forEach(r -> seen.add(r.path("id").asText()));
            token = page.resumeToken();
        }
        first.close();
        int before = azure.requests(FakeAzure.RESOURCE_GRAPH).size();

        ResourceGraphChains resumed = chains(4).resumeFrom(token);
        List<String> rest = new ArrayList<>();
        resumed.forEach(p -> p.records().forEach(r -> rest.add(r.path("id").asText())));

        Set<String> all = new HashSet<>(seen);
        all.addAll(rest);
        assertEquals(230, all.size(), "the resumed read returns what the first did not");
        assertFalse(rest.stream().anyMatch(seen::contains), "pages handed on before the interruption are not read again");
        assertTrue(azure.requests(FakeAzure.RESOURCE_GRAPH).size() - before < 230 / 20 + 4, "no chain started over");
    }

    @Test
    void whenTheCountIsRefusedThePartitionsFallBackToTheLastCharacterAndStillHoldEveryRowOnce() {
        azure.refuseCounting();
        List<String> ids = new ArrayList<>();
        chains(4).forEach(p -> p.records().forEach(r -> ids.add(r.path("id").asText())));

        assertEquals(230, ids.size());
        assertEquals(230, new HashSet<>(ids).size());
        assertTrue(azure.requests(FakeAzure.RESOURCE_GRAPH).stream().anyMatch(r -> r.json().path("query").asText()
                .contains("id matches regex @'(?i)[0123]$'")), "the fixed character classes are used");
    }

    @Test
    void aPositionWithoutItsPartitionsIsNotReusedAndTheReadStartsOver() {
        // a position an earlier release stored: same key, every chain done, but no filters
        String key = Integer.toHexString((QUERY + List.of(List.of(SUB)) + 4).hashCode());
        String old = "{\"key\":\"" + key + "\",\"chains\":[\"done\",\"done\",\"done\",\"done\"]}";

        List<String> ids = new ArrayList<>();
        chains(4).resumeFrom(old).forEach(p -> p.records().forEach(r -> ids.add(r.path("id").asText())));

        assertEquals(230, ids.size(), "read in full: the old chains held other rows than the new partitions");
    }

    @Test
    void partitionFiltersCoverEveryLastCharacterOnce() {
        assertEquals("", ResourceGraphChains.partitionFilter(0, 1));
        assertEquals("\n| where id matches regex @'(?i)[0123]$'", ResourceGraphChains.partitionFilter(0, 4));
        assertEquals("\n| where not(id matches regex @'(?i)[0123456789ab]$')", ResourceGraphChains.partitionFilter(3, 4));
    }

    @Test
    void aChainThatFailsWhileEveryWaitingPlaceHoldsAPageFailsTheReadWithItsOwnError() {
        azure.clearResources().subscription(SUB);
        for (int i = 0; i < 2000; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", String.format("vm-%04d", i), null));
        }
        azure.latency(FakeAzure.RESOURCE_GRAPH, java.time.Duration.ofMillis(200));
        // one counting query (one page), then two chains of five pages with four waiting places: the stream takes the
        // first page and then nothing while the chains read on; pages two to six fill the four places and the hand of
        // one chain, and the other chain's query for the seventh is refused while no place is free
        FakeAzure.Answer pass = FakeAzure.Answer.PASS;
        azure.script(FakeAzure.RESOURCE_GRAPH, pass, pass, pass, pass, pass, pass, pass, FakeAzure.Answer.status(400,
                "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Please provide below info when asking for support\","
                + "\"details\":[{\"code\":\"InvalidQuery\",\"message\":\"Query is invalid.\"}]}}"));
        ResourceGraphChains reader = new ResourceGraphChains(connection, "vms", QUERY,
                () -> new ResourceGraphPager.Batches(List.of(List.of(SUB)), null), 2, 200, threads);
        reader.next();   // starts the chains
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> azure.answered(400) == 1);
        AzureApiException failure = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                org.junit.jupiter.api.Assertions.assertThrows(AzureApiException.class, () -> {
                    while (reader.hasNext()) {
                        reader.next();
                    }
                }));
        assertEquals(400, failure.status(), failure.getMessage());
        assertFalse(failure.getMessage().contains("ended without its last page"), failure.getMessage());
    }

    @Test
    void chainsWhoseThreadsAreStoppedFailTheReadInsteadOfLeavingItWaiting() {
        azure.latency(FakeAzure.RESOURCE_GRAPH, java.time.Duration.ofMillis(300));
        ResourceGraphChains reader = chains(4);
        reader.next();
        threads.shutdownNow();   // what Camel does to the component's threads when it stops
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                org.junit.jupiter.api.Assertions.assertThrows(AzureApiException.class, () -> {
                    while (reader.hasNext()) {
                        reader.next();
                    }
                }));
    }
}
