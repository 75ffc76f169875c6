package io.azsync.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.azsync.config.Settings;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ConnectionTester;
import io.azsync.service.ConnectorContext;
import io.azsync.service.ProbeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code azsync test-connection}: authenticate and probe every API the enabled streams need. */
@Command(name = "test-connection", mixinStandardHelpOptions = true, description = "Authenticate and probe each API the enabled streams need (exit 0 only when all pass).")
public class TestConnectionCommand implements Callable<Integer> {

    @ParentCommand
    private AzsyncCommand parent;

    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Option(names = "--connector", paramLabel = "NAME", description = "Test only this connector; default every enabled one.")
    private String connectorName;

    @Override
    public Integer call() {
        Settings settings = parent.settings();
        Console console = Console.of(spec.commandLine()).redacting(settings);
        try (AzsyncRuntime runtime = AzsyncRuntime.start(settings)) {
            List<ConnectorContext> connectors = connectorName == null ? runtime.enabledConnectors() : List.of(runtime.connector(connectorName));
            if (connectors.isEmpty()) {
                console.error("no connector to test: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (see Create the service "
                        + "principal), list tenants in connectors.yaml, or create one over the REST API of 'azsync run'");
                return AzsyncCommand.INVALID;
            }
            long failed = 0;
            long total = 0;
            for (ConnectorContext connector : connectors) {
                if (connectors.size() > 1) {
                    console.print("Connector " + connector.name() + ":");
                }
                List<ProbeResult> results = new ConnectionTester(runtime, connector).run(runtime.enabledStreams(connector));
                for (ProbeResult r : results) {
                    console.print((r.ok() ? "PASS  " : "FAIL  ") + r.name() + ": " + r.detail());
                }
                failed += results.stream().filter(r -> !r.ok()).count();
                total += results.size();
            }
            console.print(failed == 0 ? "All " + total + " checks passed." : failed + " check(s) failed.");
            return failed == 0 ? AzsyncCommand.OK : AzsyncCommand.FAILED;
        }
    }
}
