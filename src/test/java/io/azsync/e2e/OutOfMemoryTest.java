package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.ChildAzsync;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * A page larger than the heap: the stream fails once, naming memory and the fix, and is not retried like a network error
 * (the public IP stream: one skip-token chain, no counting query before its first page).
 */
class OutOfMemoryTest {

    static final String SUB = "f6f6f6f6-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    FakeAzure azure;
    TestDatabase db;
    ChildAzsync sync;

    @BeforeEach
    void setUp() {
        // a page larger than the heap: the simulator's 16 MiB answer limit is lifted, what matters here is the heap
        azure = new FakeAzure().subscription(SUB).payloadLimit(Integer.MAX_VALUE);
        String padding = "x".repeat(100_000);
        for (int i = 0; i < 1000; i++) {
            ObjectNode ip = FakeResources.publicIp(SUB, "rg", String.format("ip-%04d", i), "20.0." + (i / 250) + "." + (i % 250), null);
            ((ObjectNode) ip.get("tags")).put("padding", padding);   // 100 MB in one page of 1,000
            azure.add(ip);
        }
        db = TestDatabase.sqlite(dir);
    }

    @AfterEach
    void tearDown() {
        if (sync != null) {
            sync.kill();
        }
        azure.close();
        db.close();
    }

    @Test
    void aPageLargerThanTheHeapFailsTheStreamWithTheFixAndIsNotRetried() throws Exception {
        sync = ChildAzsync.start(ProjectFiles.env(azure, db), dir.resolve("sync.log"), "-Xmx96m", "sync", "--stream", "azure-public-ip-addresses");

        assertEquals(1, sync.waitFor(), sync.output());
        assertTrue(sync.output().contains("out of memory while reading an answer of Resource Graph"), sync.output());
        assertTrue(sync.output().contains("JAVA_OPTS=-Xmx512m"), sync.output());
        assertEquals(1, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "not retried as if the network had failed");
    }
}
