package io.azsync.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.azsync.run.StreamResult;
import io.azsync.run.StreamRun;
import io.azsync.run.Trigger;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ConnectorContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code azsync sync}: runs every enabled stream once, prints progress and a table, exits 0 when all succeeded, 3 when one was partial, 1 when one failed. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Sync every enabled stream once, then exit (0 when every stream succeeded, 1 when one failed, "
        + "3 when one was partial, 4 when one was skipped because another process was running it).")
public class SyncCommand implements Callable<Integer> {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    @ParentCommand
    private AzsyncCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--stream", paramLabel = "NAME", description = "Sync only this stream (repeatable).")
    private List<String> streams;

    @Option(names = "--connector", paramLabel = "NAME", description = "Sync only this connector (repeatable); default every enabled one.")
    private List<String> connectorNames;

    @Option(names = "--full", description = "Full reconciliation: ignore stored delta links, read every delta stream in full "
            + "and mark what is gone as deleted.")
    private boolean full;

    @Override
    public Integer call() {
        var settings = parent.settings();
        Console console = Console.of(spec.commandLine()).redacting(settings);
        try (AzsyncRuntime runtime = AzsyncRuntime.startForSync(settings, connectorNames)) {
            for (String s : streams == null ? List.<String>of() : streams) {
                if (!runtime.allStreams().contains(s)) {
                    console.error("unknown stream '" + s + "' (streams: " + String.join(", ", runtime.allStreams()) + ")");
                    return AzsyncCommand.INVALID;
                }
            }
            List<ConnectorContext> connectors;
            try {
                connectors = connectorNames == null || connectorNames.isEmpty() ? runtime.enabledConnectors()
                        : connectorNames.stream().map(runtime::connector).toList();
            } catch (IllegalArgumentException e) {
                console.error(e.getMessage());
                return AzsyncCommand.INVALID;
            }
            if (connectors.isEmpty()) {
                console.error("no connector to sync: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (see Create the service "
                        + "principal), list tenants in connectors.yaml, or create one over the REST API of 'azsync run'");
                return AzsyncCommand.INVALID;
            }
            for (ConnectorContext connector : connectors) {
                String missing = missingCredential(connector);
                if (missing != null) {
                    console.error(missing);
                    return AzsyncCommand.INVALID;
                }
            }
            int exit = AzsyncCommand.OK;
            for (ConnectorContext connector : connectors) {
                List<StreamResult> results = syncConnector(runtime, connector, console);
                if (results.stream().anyMatch(r -> r.state() == io.azsync.run.RunState.FAILED)) {
                    exit = AzsyncCommand.FAILED;
                } else if (exit != AzsyncCommand.FAILED && results.stream().anyMatch(StreamResult::partial)) {
                    exit = AzsyncCommand.PARTIAL;
                } else if (exit == AzsyncCommand.OK && results.stream().anyMatch(r -> r.state() == io.azsync.run.RunState.SKIPPED)) {
                    exit = AzsyncCommand.SKIPPED;
                }
            }
            return exit;
        }
    }

    /**
     * With no credential configured azure-identity falls back to the machine's managed identity; when
     * there is none, say so once, before any stream, instead of one long error per stream. The token
     * fetched here is cached for the streams.
     */
    static String missingCredential(ConnectorContext connector) {
        if (!"managed identity".equals(io.azsync.auth.CredentialFactory.describe(connector.settings()))) {
            return null;
        }
        try {
            connector.connection().http().tokens().token(io.azsync.auth.TokenProvider.scopeOf(connector.connection().armEndpoint()));
            return null;
        } catch (RuntimeException e) {
            return "connector " + connector.name() + ": no Azure credential is configured and this machine has no managed identity "
                    + "azsync can use. Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) "
                    + "for a service principal with the Reader role (README: Create the service principal), or try azsync without "
                    + "Azure: azsync demo";
        }
    }

    private List<StreamResult> syncConnector(AzsyncRuntime runtime, ConnectorContext connector, Console console) {
        {
            List<String> selected = streams == null || streams.isEmpty() ? runtime.enabledStreams(connector) : streams;
            console.print("Syncing " + selected.size() + " stream(s) into " + runtime.database().displayUrl()
                    + " (connector " + connector.name() + ")");
            Map<String, Instant> lastPrinted = new ConcurrentHashMap<>();
            StreamRun.Listener progress = run -> {
                Instant now = Instant.now();
                Instant last = lastPrinted.get(run.stream());
                if (last == null || Duration.between(last, now).compareTo(PROGRESS_EVERY) >= 0) {
                    lastPrinted.put(run.stream(), now);
                    console.print(String.format(Locale.ROOT, "  %-32s page %d, %s records, %s", run.stream(), run.pages(),
                            Console.count(run.recordsRead()), Console.seconds(run.elapsed())));
                }
            };
            List<StreamResult> results = runtime.runner(connector).sync(selected, Trigger.CLI, progress, full);
            printTable(console, results);
            return results;
        }
    }

    static void printTable(Console console, List<StreamResult> results) {
        int width = Math.max(32, results.stream().mapToInt(r -> r.stream().length()).max().orElse(0));
        String format = "%-" + width + "s %-9s %-5s %6s %9s %9s %9s %9s %9s %8s";
        console.print("");
        console.print(String.format(Locale.ROOT, format, "STREAM", "STATE", "MODE", "PAGES", "READ", "WRITTEN", "UNCHANGED", "REJECTED",
                "DELETED", "TIME"));
        for (StreamResult r : results) {
            console.print(String.format(Locale.ROOT, format, r.stream(), r.state().dbValue(), r.incremental() ? "delta" : "full",
                    Console.count(r.pages()),
                    Console.count(r.recordsRead()), Console.count(r.recordsWritten()), Console.count(r.recordsUnchanged()),
                    Console.count(r.recordsRejected()), Console.count(r.recordsDeleted()), Console.seconds(r.elapsed())));
        }
        for (StreamResult r : results) {
            if (r.state() == io.azsync.run.RunState.SKIPPED) {
                console.print(r.stream() + ": SKIPPED (run " + r.runId() + "): " + r.error());
            } else if (r.state() == io.azsync.run.RunState.CANCELLED) {
                console.print(r.stream() + ": CANCELLED (run " + r.runId() + "): " + r.error());
            } else if (r.partial()) {
                console.print(r.stream() + ": PARTIAL (run " + r.runId() + "): " + r.error());
            } else if (!r.succeeded()) {
                console.print(r.stream() + ": FAILED (run " + r.runId() + "): " + r.error());
            } else if (r.recordsRejected() > 0) {
                console.print(r.stream() + ": " + r.recordsRejected() + " record(s) rejected: see rejected_records where run_id = "
                        + r.runId());
            }
        }
        long failed = results.stream().filter(r -> r.state() == io.azsync.run.RunState.FAILED).count();
        long partial = results.stream().filter(StreamResult::partial).count();
        long skipped = results.stream().filter(r -> r.state() == io.azsync.run.RunState.SKIPPED).count();
        if (failed == 0 && partial == 0 && skipped == 0) {
            console.print("All " + results.size() + " stream(s) succeeded.");
        }
        if (skipped > 0) {
            console.print(skipped + " of " + results.size() + " stream(s) skipped: another process was running them; "
                    + "nothing of theirs was read or written by this one.");
        }
        if (partial > 0) {
            console.print(partial + " of " + results.size() + " stream(s) partial: the rows of the scope they could not read were kept, "
                    + "not refreshed and not marked deleted.");
        }
        if (failed > 0) {
            console.print(failed + " of " + results.size() + " stream(s) failed; nothing in a failed stream was marked deleted.");
        }
    }
}
