package io.azsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.azsync.config.Settings;
import io.azsync.demo.FakeAzure;
import io.azsync.service.AzsyncRuntime;

/**
 * Before the process exits, the JDK HTTP clients' selector threads are ended: the JVM waits up to
 * 300 ms at exit for threads in native code, and they wait for network events there.
 */
class HttpSelectorThreadsTest {

    static List<Thread> selectors() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .filter(Thread::isAlive).toList();
    }

    @Test
    void aClientThatHasSpokenToAzureLeavesNoSelectorThreadBehind() {
        try (FakeAzure azure = new FakeAzure().subscription("aaaaaaaa-0000-4000-8000-000000000001")) {
            AzureHttpClient client = AzsyncRuntime.httpClient(Settings.load(azure.env(), null));
            assertEquals(1, new SubscriptionLister(client, azure.url()).list().size());
            assertFalse(selectors().isEmpty(), "the client's selector thread runs");

            HttpSelectorThreads.end();

            assertTrue(selectors().isEmpty(), "still running: " + selectors());
        }
    }
}
