package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.auth.TokenProvider;
import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.service.AzsyncRuntime;

/** A token Azure refuses (revoked before it expired) is replaced by a really new one, not the one azure-identity still caches. */
class TokenRefreshTest {

    static final String SUB = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String QUERY = "resources | where type =~ 'microsoft.compute/virtualmachines' | order by id asc";

    FakeAzure azure;
    AzureHttpClient client;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        azure.add(FakeResources.virtualMachine(SUB, "rg", "vm1", null));
        client = AzsyncRuntime.httpClient(Settings.load(azure.env(), null));
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    int read() {
        ResourceGraphPager pager = new ResourceGraphPager(client, azure.url(), TokenProvider.scopeOf(azure.url()), "vms", QUERY,
                () -> new ResourceGraphPager.Batches(List.of(List.of(SUB)), null), 10);
        return pager.next().records().size();
    }

    @Test
    void afterA401TheRequestIsRepeatedWithANewTokenAndSucceeds() {
        assertEquals(1, read());
        azure.revokeTokens();   // the token is still valid by its expiry, but Azure no longer accepts it

        assertEquals(1, read());

        List<FakeAzure.Request> requests = azure.requests(FakeAzure.RESOURCE_GRAPH);
        assertEquals(3, requests.size(), "the first read, the refused request, its repetition");
        assertEquals(requests.get(0).header("Authorization"), requests.get(1).header("Authorization"), "the cached token was tried first");
        assertNotEquals(requests.get(1).header("Authorization"), requests.get(2).header("Authorization"), "then a new one");
    }
}
