package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.auth.TokenProvider;
import io.azsync.config.Settings;
import io.azsync.core.Page;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.service.AzsyncRuntime;

/** Resource Graph's answer limit and compression, against the simulator over HTTPS. */
class ResourceGraphLimitsTest {

    static final String QUERY = "resources | where type =~ 'microsoft.compute/virtualmachines' | order by id asc";
    static final String SUB = "aaaaaaaa-0000-4000-8000-000000000001";

    FakeAzure azure;
    AzureHttpClient client;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(SUB);
        client = AzsyncRuntime.httpClient(Settings.load(azure.env(), null));
        for (int i = 0; i < 40; i++) {
            azure.add(FakeResources.virtualMachine(SUB, "rg", String.format("vm%04d", i), null));
        }
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    ResourceGraphPager pager(int pageSize) {
        return new ResourceGraphPager(client, azure.url(), TokenProvider.scopeOf(azure.url()), "vms", QUERY,
                () -> new ResourceGraphPager.Batches(List.of(List.of(SUB)), null), pageSize);
    }

    Set<String> ids(ResourceGraphPager pager) {
        Set<String> ids = new HashSet<>();
        for (Page page : pager) {
            page.records().forEach(r -> ids.add(r.path("id").asText()));
        }
        return ids;
    }

    @Test
    void aPageAboveTheAnswerLimitIsAskedAgainWithHalfTheTopAndEveryRecordArrives() {
        int oneVm = FakeResources.virtualMachine(SUB, "rg", "vm0000", null).toString().length();
        azure.payloadLimit(oneVm * 12);   // 40 or 20 VMs are too large, 10 fit
        ResourceGraphPager pager = pager(40);

        Set<String> ids = ids(pager);

        assertEquals(40, ids.size(), "the same rows as one large page would hold");
        assertEquals(10, pager.pageSize(), "40 -> 20 -> 10, then kept");
        assertEquals(2, azure.answered(400), "two refusals, then every page fits");
    }

    @Test
    void whenEvenOneRecordIsTooLargeTheErrorNamesTheQueryAndTheFix() {
        azure.payloadLimit(100);
        AzureApiException e = assertThrows(AzureApiException.class, () -> ids(pager(8)));
        assertTrue(e.getMessage().contains("refused even a page of 1 record(s) of query vms"), e.getMessage());
        assertTrue(e.getMessage().contains("project fewer or smaller columns in queries/vms.kql"), e.getMessage());
    }

    @Test
    void answersAreAskedForGzippedAndDecodedWhileRead() {
        assertEquals(40, ids(pager(15)).size());
        assertTrue(azure.requests(FakeAzure.RESOURCE_GRAPH).stream().allMatch(r -> "gzip".equals(r.header("Accept-Encoding"))));
        assertTrue(azure.gzipped() >= 3, "the pages came compressed: " + azure.gzipped());
    }
}
