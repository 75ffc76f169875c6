package io.azsync.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.core.Page;
import io.azsync.core.Position;
import io.azsync.core.StreamProgress;
import io.azsync.run.RunStore;
import io.azsync.run.StreamRun;
import io.azsync.run.Trigger;
import io.azsync.sink.Database;
import io.azsync.sink.SchemaManager;
import io.azsync.testing.MicrosoftFixtures;
import io.azsync.transform.TransformMapLoader;
import io.azsync.transform.TransformMaps;

/**
 * The shipped resource-graph-stream template, as Camel runs it, for the azure-virtual-machines
 * entry: the route files are loaded from routes/, the real transform map and sink components load a
 * real SQLite file, and AdviceWith replaces only the Azure call with pages made from Microsoft's
 * published VirtualMachine_Get payload.
 */
class ResourceGraphStreamRouteTest extends CamelTestSupport {

    static final String STREAM = "azure-virtual-machines";

    @TempDir
    static Path dir;

    Database database;
    RunStore ledger;
    List<Page> pages = List.of();

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        TransformMaps maps = new TransformMaps(TransformMapLoader.loadDirectory(Path.of("transform-maps")));
        database = Database.open("jdbc:sqlite:" + dir.resolve("route-" + System.nanoTime() + ".db"), null, null);
        SchemaManager schema = new SchemaManager(database);
        schema.ensureLedger();
        schema.ensure(maps.get(STREAM));
        ledger = new RunStore(database);
        registry.bind("transformMaps", maps);
        registry.bind("database", database);
    }

    @Override
    protected void doPostSetup() throws Exception {
        context.getPropertiesComponent().addInitialProperty("camel.component.azure-resource-graph.queries-dir", "queries");
        for (String file : new String[] {"stream-errors", "00-stream-templates", "azure-streams"}) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:routes/" + file + ".camel.yaml"));
        }
        // only the Azure call is replaced: the query step yields the pages this test made (the template's step ids
        // are {{stream}}-…, so steps are found by their URIs)
        AdviceWith.adviceWith(context, STREAM, route -> {
            route.weaveByToUri("azure-resource-graph:*").replace().process(e -> e.getMessage().setBody(pages));
            route.weaveByToUri("sink:mark-deleted*").before().to("mock:mark-deleted");
        });
        context.start();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    static JsonNode vm(String name) {
        ObjectNode vm = MicrosoftFixtures.exampleBody("VirtualMachine_Get.json").deepCopy();
        vm.put("id", "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + name);
        vm.put("name", name);
        ((ObjectNode) vm.get("properties")).put("vmId", "00000000-0000-4000-8000-" + String.format("%012d", name.hashCode() & 0xffffff));
        return vm;
    }

    /** Pages of the given VM names; the last page says so. */
    static List<Page> pagesOf(List<List<JsonNode>> records) {
        List<Page> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            boolean last = i == records.size() - 1;
            out.add(new Page(i + 1, records.get(i), last ? Position.LAST : new Position("{\"page\":" + (i + 1) + "}", false, false, null, null)));
        }
        return out;
    }

    StreamRun run() {
        StreamRun run = ledger.queue("default", STREAM, Trigger.CLI, null, null, false);
        ledger.started(run);
        run.started();
        return run;
    }

    Exchange send(StreamRun run) {
        return template.send("direct:" + STREAM, e -> e.setProperty(StreamProgress.PROPERTY, run));
    }

    long count(String sql) {
        return database.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void eachPageIsOneExchangeLoadedInOrderAndOnlyThenAreRowsMarkedDeleted() throws Exception {
        pages = pagesOf(List.of(List.of(vm("a"), vm("b")), List.of(vm("c")), List.of(vm("d"))));
        NotifyBuilder loaded = new NotifyBuilder(context).wereSentTo("sink:upsert").whenExactlyDone(3).create();
        MockEndpoint markDeleted = getMockEndpoint("mock:mark-deleted");
        markDeleted.expectedMessageCount(1);
        StreamRun run = run();

        Exchange done = send(run);

        assertNull(done.getException());
        assertTrue(loaded.matches(5, TimeUnit.SECONDS), "one upsert per page");
        markDeleted.assertIsSatisfied();
        assertEquals(3, run.pages());
        assertEquals(4, run.recordsRead());
        assertEquals(4, count("SELECT COUNT(*) FROM azure_virtual_machines"));
        assertTrue(run.isComplete());
    }

    @Test
    void aPageThatFailsToLoadStopsTheStreamBeforeMarkDeleted() throws Exception {
        pages = pagesOf(List.of(List.of(vm("a"), vm("b"), vm("c"))));
        assertNull(send(run()).getException());

        // the next run: its second page cannot be loaded
        AdviceWith.adviceWith(context, STREAM, route -> route.weaveByToUri("sink:upsert").before()
                .process(e -> {
                    if (e.getMessage().getBody(io.azsync.transform.MappedPage.class).pageNumber() == 2) {
                        throw new IllegalStateException("the database went away");
                    }
                }));
        pages = pagesOf(List.of(List.of(vm("a")), List.of(vm("b")), List.of(vm("z"))));
        MockEndpoint markDeleted = getMockEndpoint("mock:mark-deleted");
        markDeleted.reset();
        markDeleted.expectedMessageCount(0);
        StreamRun run = run();

        Exchange failed = send(run);

        assertNotNull(failed.getException(), "the failure reaches the runner");
        assertTrue(failed.getException().getMessage().contains("the database went away"), failed.getException().getMessage());
        markDeleted.assertIsSatisfied();
        assertFalse(run.isComplete());
        assertEquals(1, run.pages(), "the split stopped at the failed page");
        assertEquals(0, count("SELECT COUNT(*) FROM azure_virtual_machines WHERE deleted_at IS NOT NULL"), "b and c are not marked deleted");
        assertEquals(0, count("SELECT COUNT(*) FROM azure_virtual_machines WHERE name = 'z'"), "nothing after the failed page");
    }

    @Test
    void aRejectedRecordIsRecordedAndTheStreamGoesOn() throws Exception {
        ObjectNode broken = (ObjectNode) vm("broken");
        broken.put("properties", "not-an-object");
        pages = pagesOf(List.of(List.of(vm("a"), broken), List.of(vm("b"))));
        MockEndpoint markDeleted = getMockEndpoint("mock:mark-deleted");
        markDeleted.expectedMessageCount(1);
        StreamRun run = run();

        assertNull(send(run).getException());

        markDeleted.assertIsSatisfied();
        assertEquals(2, run.pages());
        assertEquals(1, run.recordsRejected());
        assertEquals(2, count("SELECT COUNT(*) FROM azure_virtual_machines"));
        assertEquals(1, count("SELECT COUNT(*) FROM rejected_records WHERE run_id = " + run.runId()));
        assertTrue(run.isComplete());
    }
}
