package io.azsync.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.azsync.config.ConnectorConfig;
import io.azsync.config.ConnectorsFile;
import io.azsync.config.Settings;
import io.azsync.run.RunStore;
import io.azsync.sink.Database;
import io.azsync.sink.SchemaManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code azsync connectors}: the configured connectors with the state the service last recorded. */
@Command(name = "connectors", mixinStandardHelpOptions = true, description = "List the connectors with their state (as the service last recorded it) and schedules.")
public class ConnectorsCommand implements Callable<Integer> {

    @ParentCommand
    private AzsyncCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = parent.settings();
        Console console = Console.of(spec.commandLine()).redacting(settings);
        List<ConnectorConfig> connectors = ConnectorsFile.load(settings, settings.environment());
        try (Database db = Database.open(settings.get(Settings.JDBC_URL), settings.get(Settings.JDBC_USER), settings.get(Settings.JDBC_PASSWORD))) {
            new SchemaManager(db).ensureLedger();
            Map<String, RunStore.ConnectorEntry> states = new RunStore(db).connectorStates();
            String format = "%-20s %-8s %-11s %-22s %-22s %5s  %s";
            console.print(String.format(Locale.ROOT, format, "CONNECTOR", "ENABLED", "STATE", "LAST RUN END", "NEXT SYNC", "FAILS", "SCHEDULES"));
            for (ConnectorConfig c : connectors) {
                RunStore.ConnectorEntry e = states.get(c.name());
                String state = !c.enabled() ? "Disabled" : e == null ? "Registered" : e.state();
                String schedules = c.schedules().isEmpty() ? c.scheduleOf("default").describe()
                        : String.join(", ", c.schedules().entrySet().stream().map(x -> x.getKey() + " " + x.getValue().describe()).toList());
                console.print(String.format(Locale.ROOT, format, c.name(), c.enabled(), state,
                        e == null || e.lastRunEnd() == null ? "-" : e.lastRunEnd().toString().replaceFirst("\\.\\d+Z$", "Z"),
                        e == null || e.nextFireTime() == null ? "-" : e.nextFireTime().toString().replaceFirst("\\.\\d+Z$", "Z"),
                        e == null ? 0 : e.consecutiveFailures(), schedules));
            }
        }
        return AzsyncCommand.OK;
    }
}
