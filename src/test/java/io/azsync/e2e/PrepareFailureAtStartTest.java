package io.azsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.cli.AzsyncCommand;
import io.azsync.demo.FakeAzure;
import io.azsync.demo.FakeResources;
import io.azsync.testing.CliRun;
import io.azsync.testing.ProjectFiles;
import io.azsync.testing.TestDatabase;

/**
 * {@code azsync sync} prepares the database (tables, model, views) while Camel starts: a view the
 * database refuses still stops the sync before any stream runs, with the file and the fix, as when
 * the preparation came first.
 */
class PrepareFailureAtStartTest {

    @Test
    void aViewTheDatabaseRefusesStopsTheSyncBeforeAnyStream(@TempDir Path dir) throws Exception {
        try (FakeAzure azure = new FakeAzure().subscription("aaaaaaaa-0000-4000-8000-000000000001");
             TestDatabase db = TestDatabase.sqlite(dir)) {
            azure.add(FakeResources.virtualMachine("aaaaaaaa-0000-4000-8000-000000000001", "rg", "vm1", null));
            Map<String, String> env = new java.util.HashMap<>(ProjectFiles.copyTo(dir.resolve("project")));
            env.putAll(ProjectFiles.env(azure, db));
            Path broken = dir.resolve("project/views/99-broken.sql");
            Files.writeString(broken, "CREATE VIEW broken_view AS SELECT id FROM azure_virtual_machines WHERE;\n");

            CliRun run = CliRun.run(env, "sync", "--stream", "azure-virtual-machines");

            assertEquals(AzsyncCommand.INVALID, run.exitCode(), run.toString());
            assertTrue(run.err().contains("99-broken.sql") && run.err().contains("refused the view"), run.err());
            assertEquals(0, azure.requests(FakeAzure.RESOURCE_GRAPH).size(), "no stream ran");
            assertEquals(0, db.count("SELECT COUNT(*) FROM sync_runs"), "no run was opened");
        }
    }
}
