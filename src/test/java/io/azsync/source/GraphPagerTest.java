package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.auth.TokenProvider;
import io.azsync.config.Settings;
import io.azsync.core.Page;
import io.azsync.core.StartPosition;
import io.azsync.service.AzsyncRuntime;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeAzure.Answer;

/** Paging rules of Microsoft Graph, against the fake over HTTPS. */
class GraphPagerTest {

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

    GraphPager pager(boolean delta) {
        return new GraphPager(client, TokenProvider.scopeOf(azure.url()), "users", azure.url() + "/v1.0/users" + (delta ? "/delta" : "")
                + "?$select=id", "users?$select=id", delta, 999, "User.Read.All", "entra-users",
                new StartPosition(null, null, false));
    }

    @Test
    void aRepeatedNextLinkFailsInsteadOfLooping() {
        String page = "{\"value\": [], \"@odata.nextLink\": \"" + azure.url() + "/v1.0/users?$skiptoken=same\"}";
        azure.script(FakeAzure.GRAPH, Answer.status(200, page), Answer.status(200, page));
        GraphPager pager = pager(false);
        assertFalse(pager.next().position().last());
        AzureApiException e = assertThrows(AzureApiException.class, pager::next);
        assertTrue(e.getMessage().contains("same @odata.nextLink twice"), e.getMessage());
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
        Page last = pager.next();
        assertEquals(0, last.records().size());
        assertFalse(pager.hasNext());
        assertEquals(azure.url() + "/v1.0/users/delta?$deltatoken=abc", last.position().nextDelta().link());
        assertTrue(last.position().last());
    }

    @Test
    void expiredDeltaTokensAreRecognised() {
        assertTrue(GraphPager.expiredDeltaToken(new AzureApiException(410, "resyncRequired", "gone")));
        assertTrue(GraphPager.expiredDeltaToken(new AzureApiException(400, "Request_BadRequest", "Invalid delta token")));
        assertFalse(GraphPager.expiredDeltaToken(new AzureApiException(400, "Request_BadRequest", "Invalid $select property")));
        assertFalse(GraphPager.expiredDeltaToken(new AzureApiException(403, "Authorization_RequestDenied", "token")));
    }

    @Test
    void anyClientErrorNamingSyncStateNotFoundRestartsTheStreamWithAFullRead() {
        azure.script(FakeAzure.GRAPH, Answer.status(404, "{\"error\":{\"code\":\"syncStateNotFound\",\"message\":\"The sync state "
                + "generation is not found.\"}}"), Answer.status(200, "{\"value\": [{\"id\": \"a\"}], \"@odata.deltaLink\": \""
                + azure.url() + "/v1.0/users/delta?$deltatoken=new\"}"));
        GraphPager pager = new GraphPager(client, TokenProvider.scopeOf(azure.url()), "users", azure.url() + "/v1.0/users/delta?$select=id",
                "users?$select=id", true, 999, "User.Read.All", "entra-users",
                new StartPosition(null, new io.azsync.core.DeltaState(azure.url() + "/v1.0/users/delta?$deltatoken=old", "users?$select=id"), false));
        Page page = pager.next();
        assertFalse(page.position().incremental(), "a full read, not a delta");
        assertEquals(1, page.records().size());
        List<FakeAzure.Request> requests = azure.requests(FakeAzure.GRAPH);
        assertTrue(requests.get(0).path().contains("deltatoken=old"), requests.get(0).path());
        assertFalse(requests.get(1).path().contains("deltatoken"), "the second request starts over: " + requests.get(1).path());
    }

    @Test
    void nextLinksThatChangeButBringNoNewObjectFailTheStream() {
        for (int i = 0; i < GraphPager.MAX_PAGES_WITHOUT_NEW_OBJECTS + 1; i++) {
            azure.script(FakeAzure.GRAPH, Answer.status(200, "{\"value\": [{\"id\": \"same\"}], \"@odata.nextLink\": \"" + azure.url()
                    + "/v1.0/users?$skiptoken=" + i + "\"}"));
        }
        GraphPager pager = pager(false);
        AzureApiException e = assertThrows(AzureApiException.class, () -> {
            while (pager.hasNext()) {
                pager.next();
            }
        });
        assertTrue(e.getMessage().contains("no object not already returned"), e.getMessage());
        assertEquals(GraphPager.MAX_PAGES_WITHOUT_NEW_OBJECTS + 1, azure.requests(FakeAzure.GRAPH).size());
    }

    @Test
    void aLargeGroupWhoseMembersComeOverManyPagesIsNoLoop() {
        int pages = GraphPager.MAX_PAGES_WITHOUT_NEW_OBJECTS + 5;
        for (int i = 0; i < pages; i++) {
            String next = i < pages - 1 ? "\"@odata.nextLink\": \"" + azure.url() + "/v1.0/groups/delta?$skiptoken=" + i + "\""
                    : "\"@odata.deltaLink\": \"" + azure.url() + "/v1.0/groups/delta?$deltatoken=d\"";
            azure.script(FakeAzure.GRAPH, Answer.status(200, "{\"value\": [{\"id\": \"big\", \"members@delta\": [{\"id\": \"m" + i
                    + "\"}]}], " + next + "}"));
        }
        GraphPager pager = new GraphPager(client, TokenProvider.scopeOf(azure.url()), "groups", azure.url() + "/v1.0/groups/delta?$select=id,members",
                "groups?$select=id,members", true, 999, "GroupMember.Read.All", "entra-group-members", new StartPosition(null, null, false));
        int read = 0;
        while (pager.hasNext()) {
            pager.next();
            read++;
        }
        assertEquals(pages, read, "every page of the group's members is read");
    }
}
