package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.service.AzsyncRuntime;

/** The subscription list read ahead at start-up: used once, fresh, and never hiding a failure. Against the fake over HTTPS. */
class SubscriptionReadAheadTest {

    static final String ONE = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String TWO = "aaaaaaaa-0000-4000-8000-000000000002";

    FakeAzure azure;
    SubscriptionLister lister;
    final MovingClock clock = new MovingClock();

    @BeforeEach
    void setUp() {
        azure = new FakeAzure().subscription(ONE).subscription(TWO);
        AzureHttpClient client = AzsyncRuntime.httpClient(Settings.load(azure.env(), null));
        lister = new SubscriptionLister(client, azure.url());
    }

    @AfterEach
    void tearDown() {
        azure.close();
    }

    static List<String> ids(List<SubscriptionLister.Subscription> list) {
        return list.stream().map(SubscriptionLister.Subscription::id).toList();
    }

    @Test
    void theFirstScopeTakesTheListReadAheadWithoutAskingAgain() {
        SubscriptionReadAhead ahead = new SubscriptionReadAhead(clock);
        ahead.readAhead(lister);
        assertEquals(1, azure.requests(FakeAzure.SUBSCRIPTIONS).size());

        assertEquals(List.of(ONE, TWO), ids(ahead.take(lister)));
        assertEquals(1, azure.requests(FakeAzure.SUBSCRIPTIONS).size(), "the list read ahead was used");

        azure.subscription("aaaaaaaa-0000-4000-8000-000000000003");
        assertEquals(3, ahead.take(lister).size(), "a second scope lists again and sees the new subscription");
        assertEquals(2, azure.requests(FakeAzure.SUBSCRIPTIONS).size());
    }

    @Test
    void aListReadAheadMoreThanAMinuteAgoIsReadAgain() {
        SubscriptionReadAhead ahead = new SubscriptionReadAhead(clock);
        ahead.readAhead(lister);
        azure.subscription("aaaaaaaa-0000-4000-8000-000000000003");
        clock.now = clock.now.plus(SubscriptionReadAhead.FRESH).plus(Duration.ofSeconds(1));

        assertEquals(3, ahead.take(lister).size());
        assertEquals(2, azure.requests(FakeAzure.SUBSCRIPTIONS).size());
    }

    @Test
    void resourceManagersRefusalOfTheReadAheadIsTheScopesAnswerWithoutAskingTwice() {
        azure.script(FakeAzure.SUBSCRIPTIONS, FakeAzure.Answer.status(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}"));
        SubscriptionReadAhead ahead = new SubscriptionReadAhead(clock);
        ahead.readAhead(lister);   // refused quietly: nobody is waiting for it yet

        AzureApiException e = assertThrows(AzureApiException.class, () -> ahead.take(lister));
        assertTrue(e.getMessage().contains("AuthorizationFailed") || e.getMessage().contains("403"), e.getMessage());
        assertEquals(1, azure.requests(FakeAzure.SUBSCRIPTIONS).size(), "refused once, not asked again");
    }

    @Test
    void aScopeThatComesBeforeTheAnnouncedReadAheadWaitsForItInsteadOfListingToo() throws Exception {
        SubscriptionReadAhead ahead = new SubscriptionReadAhead(clock);
        ahead.expect();   // azsync sync, before its start-up thread fetches the token
        java.util.concurrent.CompletableFuture<List<SubscriptionLister.Subscription>> scope =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> ahead.take(lister));
        ahead.readAhead(lister);

        assertEquals(List.of(ONE, TWO), ids(scope.get(30, java.util.concurrent.TimeUnit.SECONDS)));
        assertEquals(1, azure.requests(FakeAzure.SUBSCRIPTIONS).size());
    }

    @Test
    void aReadAheadGivenUpLetsTheScopeListItself() {
        SubscriptionReadAhead ahead = new SubscriptionReadAhead(clock);
        ahead.expect();
        ahead.none();   // the token could not be fetched ahead

        assertEquals(List.of(ONE, TWO), ids(ahead.take(lister)));
        assertEquals(1, azure.requests(FakeAzure.SUBSCRIPTIONS).size());
    }

    @Test
    void withoutAReadAheadTheScopeLists() {
        assertEquals(List.of(ONE, TWO), ids(new SubscriptionReadAhead(clock).take(lister)));
        assertEquals(1, azure.requests(FakeAzure.SUBSCRIPTIONS).size());
    }
}
