package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.auth.TokenProvider;
import io.azsync.config.Settings;
import io.azsync.run.StreamRun;
import io.azsync.run.Trigger;
import io.azsync.service.AzsyncRuntime;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;

/** Paging rules of Microsoft Graph, against the fake over HTTPS. */
class GraphPagerTest {

    FakeAzure azure;
    AzureHttpClient client;
    StreamRun run;

    @BeforeEach
    void setUp() {
        azure = new FakeAzure();
        client = AzsyncRuntime.httpClient(Settings.load(azure.env(), null));
        run = new StreamRun(1, "default", "entra-users", Trigger.CLI, Instant.now(), null, null, false, null);
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    GraphPager pager(boolean delta) {
        return new GraphPager(client, TokenProvider.scopeOf(azure.url()), "users", azure.url() + "/v1.0/users" + (delta ? "/delta" : "")
                + "?$select=id", "users?$select=id", delta, 999, "User.Read.All", run);
    }

    @Test
    void aRepeatedNextLinkFailsInsteadOfLooping() {
        String page = "{\"value\": [], \"@odata.nextLink\": \"" + azure.url() + "/v1.0/users?$skiptoken=same\"}";
        azure.script(FakeAzure.GRAPH, Answer.status(200, page), Answer.status(200, page));
        GraphPager pager = pager(false);
        pager.next();
        AzureApiException e = assertThrows(AzureApiException.class, pager::next);
        assertTrue(e.getMessage().contains("same @odata.nextLink twice"), e.getMessage());
        assertFalse(run.isSourceComplete());
    }

    @Test
    void aDeltaQueryEndingWithoutDeltaLinkFails() {
        azure.script(FakeAzure.GRAPH, Answer.status(200, "{\"value\": [{\"id\": \"a\"}]}"));
        AzureApiException e = assertThrows(AzureApiException.class, () -> pager(true).next());
        assertTrue(e.getMessage().contains("without an @odata.deltaLink"), e.getMessage());
    }

    @Test
    void theDeltaLinkIsHandedToTheRunNotStoredYet() {
        azure.script(FakeAzure.GRAPH, Answer.status(200, "{\"value\": [], \"@odata.deltaLink\": \"" + azure.url()
                + "/v1.0/users/delta?$deltatoken=abc\"}"));
        GraphPager pager = pager(true);
        assertEquals(0, pager.next().records().size());
        assertFalse(pager.hasNext());
        assertEquals(azure.url() + "/v1.0/users/delta?$deltatoken=abc", run.nextDeltaLink());
        assertTrue(run.isSourceComplete());
    }

    @Test
    void expiredDeltaTokensAreRecognised() {
        assertTrue(GraphPager.expiredDeltaToken(new AzureApiException(410, "resyncRequired", "gone")));
        assertTrue(GraphPager.expiredDeltaToken(new AzureApiException(400, "Request_BadRequest", "Invalid delta token")));
        assertFalse(GraphPager.expiredDeltaToken(new AzureApiException(400, "Request_BadRequest", "Invalid $select property")));
        assertFalse(GraphPager.expiredDeltaToken(new AzureApiException(403, "Authorization_RequestDenied", "token")));
    }
}
