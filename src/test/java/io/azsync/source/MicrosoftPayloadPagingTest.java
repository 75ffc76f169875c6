package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.azsync.core.Page;

import io.azsync.service.AzsyncRuntime;
import io.azsync.auth.TokenProvider;
import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;
import io.azsync.testing.MicrosoftFixtures;

/** Microsoft's recorded Resource Graph and Resource Manager answers, served by the fake, parsed by the real clients. */
class MicrosoftPayloadPagingTest {

    FakeAzure azure;
    AzureHttpClient client;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure();
        client = AzsyncRuntime.httpClient(Settings.load(azure.env(), null));
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    @Test
    void firstAndNextPageFollowTheRecordedSkipTokens() {
        JsonNode first = MicrosoftFixtures.exampleBody("ResourcesFirstPageQuery.json");
        JsonNode next = MicrosoftFixtures.exampleBody("ResourcesNextPageQuery.json");
        String last = "{\"totalRecords\": 386, \"count\": 0, \"data\": [], \"resultTruncated\": \"false\"}";
        azure.script(FakeAzure.RESOURCE_GRAPH, Answer.status(200, first.toString()), Answer.status(200, next.toString()),
                Answer.status(200, last));
        ResourceGraphPager pager = new ResourceGraphPager(client, azure.url(), TokenProvider.scopeOf(azure.url()), "fixture",
                "Resources | where name contains 'test' | project id, name, type, location | order by id asc",
                () -> new ResourceGraphPager.Batches(List.of(List.of("cfbbd179-59d2-4052-aa06-9270a38aa9d6")), null), 3);
        int records = 0;
        for (Page page : pager) {
            records += page.records().size();
        }
        assertEquals(6, records);
        List<FakeAzure.Request> requests = azure.requests(FakeAzure.RESOURCE_GRAPH);
        assertEquals(3, requests.size());
        assertEquals(first.path("$skipToken").asText(), requests.get(1).json().path("options").path("$skipToken").asText());
        assertEquals(next.path("$skipToken").asText(), requests.get(2).json().path("options").path("$skipToken").asText());
    }

    @Test
    void theLiveSubscriptionListRecordingIsParsed() {
        JsonNode entry = MicrosoftFixtures.read("Azure.Mcp.Core.LiveTests.CommandTests.Should_list_subscriptions.json").path("Entries").get(0);
        azure.script(FakeAzure.SUBSCRIPTIONS, new Answer(200,
                java.util.Map.of("x-ms-ratelimit-remaining-tenant-reads", entry.path("ResponseHeaders").path("x-ms-ratelimit-remaining-tenant-reads").asText()),
                entry.path("ResponseBody").toString()));
        assertEquals(List.of("00000000-0000-0000-0000-000000000000"), new SubscriptionLister(client, azure.url()).list());
        assertTrue(azure.requests(FakeAzure.SUBSCRIPTIONS).get(0).path().contains("api-version=2022-12-01"));
    }

    @Test
    void theSpecSubscriptionListFollowsNextLink() {
        JsonNode body = MicrosoftFixtures.exampleBody("GetSubscriptions.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("nextLink", azure.url() + "/subscriptions?api-version=2022-12-01&skip=2");
        azure.script(FakeAzure.SUBSCRIPTIONS, Answer.status(200, body.toString()), Answer.status(200, "{\"value\": []}"));
        assertEquals(List.of("291bba3f-e0a5-47bc-a099-3bdcb2a50a05", "72ac930a-f34e-42d8-b06d-dc2a9e12ed71"),
                new SubscriptionLister(client, azure.url()).list());
        assertEquals(2, azure.requests(FakeAzure.SUBSCRIPTIONS).size());
    }
}
