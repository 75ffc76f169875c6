package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.service.AzsyncRuntime;
import io.azsync.auth.TokenProvider;
import io.azsync.core.Page;
import io.azsync.core.SubscriptionScope;
import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.demo.FakeResources;

/** Paging rules of Resource Graph, against the fake over HTTPS. */
class ResourceGraphPagerTest {

    static final String QUERY = "resources | where type =~ 'microsoft.compute/virtualmachines' | order by id asc";
    static final String SUB = "aaaaaaaa-0000-4000-8000-000000000001";

    FakeAzure azure;
    AzureHttpClient client;
    final AtomicBoolean complete = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        client = AzsyncRuntime.httpClient(Settings.load(azure.env(), null));
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    ResourceGraphPager pager(List<List<String>> batches, int pageSize) {
        return new ResourceGraphPager(client, azure.url(), TokenProvider.scopeOf(azure.url()), "vms", QUERY, () -> new ResourceGraphPager.Batches(batches, null),
                pageSize);
    }

    void addVms(int n) {
        for (int i = 0; i < n; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", String.format("vm%04d", i), null));
        }
    }

    @Test
    void pagesAreFetchedOnlyWhenTakenAndFollowTheSkipToken() {
        addVms(25);
        ResourceGraphPager pager = pager(List.of(List.of(SUB)), 10);
        assertTrue(pager.hasNext());
        assertEquals(0, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "nothing is fetched before a page is taken");

        List<Integer> sizes = new ArrayList<>();
        for (Page page : pager) {
            sizes.add(page.records().size());
            complete.set(page.position().last());
            assertEquals(page.number(), azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "one request per page, none ahead");
        }

        assertEquals(List.of(10, 10, 5), sizes);
        assertTrue(complete.get());
        var second = azure.requests(FakeAzure.RESOURCE_GRAPH).get(1).json();
        assertTrue(second.path("options").hasNonNull("$skipToken"));
        assertEquals("objectArray", second.path("options").path("resultFormat").asText());
    }

    @Test
    void theChainKnowsFromTotalRecordsHowManyPagesItStillHasToReadItsPriorityForTheQuota() {
        addVms(25);
        ResourceGraphPager pager = pager(List.of(List.of(SUB)), 10);
        assertEquals(Integer.MAX_VALUE, pager.pagesLeft(), "before the first answer: unknown, so first");
        List<Integer> left = new ArrayList<>();
        for (Page page : pager) {
            left.add(pager.pagesLeft());
        }
        assertEquals(List.of(2, 1, Integer.MAX_VALUE), left, "25 records by 10: two pages left, one, then the chain (batch) ended");
    }

    @Test
    void subscriptionBatchesAreQueriedOneAfterAnother() {
        addVms(3);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            many.add(String.format("aaaaaaaa-0000-4000-8000-%012d", i + 1));
        }
        SubscriptionScope scope = new SubscriptionScope(many, List::of);
        ResourceGraphPager pager = pager(scope.batches(1000), 1000);
        int records = 0;
        for (Page page : pager) {
            records += page.records().size();
        }
        assertEquals(3, records);
        List<FakeAzure.Request> requests = azure.requests(FakeAzure.RESOURCE_GRAPH);
        assertEquals(2, requests.size());
        assertEquals(1000, requests.get(0).json().path("subscriptions").size());
        assertEquals(500, requests.get(1).json().path("subscriptions").size());
    }

    @Test
    void aDroppedConnectionIsRetried() {
        addVms(3);
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.DROP);
        ResourceGraphPager pager = pager(List.of(List.of(SUB)), 10);
        assertEquals(3, pager.next().records().size());
        assertEquals(2, azure.requests(FakeAzure.RESOURCE_GRAPH).size());
        assertEquals(2, client.requestCount(), "the dropped request and its retry");
    }

    @Test
    void aRepeatedSkipTokenFailsInsteadOfLooping() {
        String page = "{\"totalRecords\": 9, \"count\": 0, \"data\": [], \"resultTruncated\": \"false\", \"$skipToken\": \"same\"}";
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.status(200, page), Answer.status(200, page));
        ResourceGraphPager pager = pager(List.of(List.of(SUB)), 10);
        assertFalse(pager.next().position().last());
        AzureApiException e = assertThrows(AzureApiException.class, pager::next);
        assertTrue(e.getMessage().contains("returned the same $skipToken twice"), e.getMessage());
        assertFalse(pager.hasNext());
    }

    @Test
    void aTruncatedResultWithoutSkipTokenFails() {
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.status(200,
                "{\"totalRecords\": 5000, \"count\": 1, \"data\": [{\"id\": \"/a\"}], \"resultTruncated\": \"true\"}"));
        AzureApiException e = assertThrows(AzureApiException.class, () -> pager(List.of(List.of(SUB)), 10).next());
        assertTrue(e.getMessage().contains("truncated the result"), e.getMessage());
        assertTrue(e.getMessage().contains("order by id"), e.getMessage());
    }

    @Test
    void aPageWhoseCountDisagreesWithItsDataFails() {
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.status(200,
                "{\"totalRecords\": 5, \"count\": 5, \"data\": [{\"id\": \"/a\"}], \"resultTruncated\": \"false\"}"));
        AzureApiException e = assertThrows(AzureApiException.class, () -> pager(List.of(List.of(SUB)), 10).next());
        assertTrue(e.getMessage().contains("count says 5 records but the page holds 1"), e.getMessage());
    }

    @Test
    void anInvalidQueryNamesTheQueryFileAsTheFix() {
        ResourceGraphPager pager = new ResourceGraphPager(client, azure.url(), TokenProvider.scopeOf(azure.url()), "broken",
                "resources | whre x", () -> new ResourceGraphPager.Batches(List.of(List.of(SUB)), null), 10);
        AzureApiException e = assertThrows(AzureApiException.class, pager::next);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("Resource Graph answered 400 BadRequest"), e.getMessage());
        assertTrue(e.getMessage().contains("Query is invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("check the stream's query file"), e.getMessage());
    }
}
