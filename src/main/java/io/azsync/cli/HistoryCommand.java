package io.azsync.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.azsync.config.Settings;
import io.azsync.run.RunStore;
import io.azsync.run.RunRecord;
import io.azsync.sink.Database;
import io.azsync.sink.SchemaManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code azsync history}: recent runs from {@code sync_runs}, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "List recent runs from sync_runs, newest first.")
public class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    private AzsyncCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--limit", defaultValue = "20", description = "How many runs (default ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--stream", paramLabel = "NAME", description = "Only runs of this stream.")
    private String stream;

    @Override
    public Integer call() {
        Settings settings = parent.settings();
        Console console = Console.of(spec.commandLine()).redacting(settings);
        try (Database db = Database.open(settings.get(Settings.JDBC_URL), settings.get(Settings.JDBC_USER),
                settings.get(Settings.JDBC_PASSWORD))) {
            new SchemaManager(db).ensureLedger();
            List<RunRecord> runs = new RunStore(db).recent(limit, stream);
            if (runs.isEmpty()) {
                console.print("No runs yet in " + db.displayUrl() + ": run 'azsync sync' first.");
                return AzsyncCommand.OK;
            }
            String format = "%6s  %-20s  %-30s  %-8s  %-9s  %8s  %9s  %9s  %9s  %8s  %8s  %s";
            console.print(String.format(Locale.ROOT, format, "RUN", "STARTED", "STREAM", "TRIGGER", "STATE", "TIME", "READ",
                    "WRITTEN", "UNCHANGED", "REJECTED", "DELETED", "ERROR"));
            for (RunRecord r : runs) {
                String time = r.finishedAt() == null ? "-" : Console.seconds(java.time.Duration.between(r.startedAt(), r.finishedAt()));
                console.print(String.format(Locale.ROOT, format, r.runId(), r.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
                        r.stream(), r.trigger(), r.state(), time, Console.count(r.recordsRead()), Console.count(r.recordsWritten()),
                        Console.count(r.recordsUnchanged()), Console.count(r.recordsRejected()), Console.count(r.recordsDeleted()),
                        r.error() == null ? "" : r.error()));
            }
            return AzsyncCommand.OK;
        }
    }
}
