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
            String format = "%-20s %-8s %-11s %-22s %-22s %5s  %-6s %s";
            console.print(String.format(Locale.ROOT, format, "CONNECTOR", "ENABLED", "STATE", "LAST RUN END", "NEXT SYNC", "FAILS", "SOURCE",
                    "SCHEDULES"));
            for (ConnectorConfig c : connectors) {
                RunStore.ConnectorEntry e = states.get(c.name());
                String state = !c.enabled() ? "Disabled" : e == null ? "Registered" : e.state();
                String schedules = c.schedules().isEmpty() ? c.scheduleOf("default").describe()
                        : String.join(", ", c.schedules().entrySet().stream().map(x -> x.getKey() + " " + x.getValue().describe()).toList());
                console.print(String.format(Locale.ROOT, format, c.name(), c.enabled(), state,
                        time(e == null ? null : e.lastRunEnd()),
                        time(e == null ? null : e.nextFireTime()),
                        e == null ? 0 : e.consecutiveFailures(), "file", schedules));
            }
            // connectors created over the REST API, from the database (no credential is opened to list them)
            for (com.fasterxml.jackson.databind.node.ObjectNode d : new io.azsync.registry.ConnectorRegistry(db).definitions()) {
                String name = d.path("name").asText();
                RunStore.ConnectorEntry e = states.get(name);
                boolean enabled = !d.has("enabled") || d.get("enabled").asBoolean();
                String state = !enabled ? "Disabled" : !d.path("activated").asBoolean() ? "Registered" : e == null ? "Registered" : e.state();
                List<String> groups = new java.util.ArrayList<>();
                d.path("schedules").fields().forEachRemaining(g -> groups.add(g.getKey() + " " + g.getValue().fields().next().getValue().asText()));
                console.print(String.format(Locale.ROOT, format, name, enabled, state,
                        time(e == null ? null : e.lastRunEnd()),
                        time(e == null ? null : e.nextFireTime()),
                        e == null ? 0 : e.consecutiveFailures(), "api", groups.isEmpty() ? io.azsync.config.Schedule.DEFAULT.describe() : String.join(", ", groups)));
            }
        }
        return AzsyncCommand.OK;
    }

    private static String time(java.time.Instant t) {
        return t == null ? "-" : t.toString().replaceFirst("\\.\\d+Z$", "Z");
    }
}
