package io.azsync.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.azsync.config.Settings;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ConnectionTester;
import io.azsync.service.ProbeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code azsync test-connection}: authenticate and probe every API the enabled streams need. */
@Command(name = "test-connection", description = "Authenticate and probe each API the enabled streams need (exit 0 only when all pass).")
public class TestConnectionCommand implements Callable<Integer> {

    @ParentCommand
    private AzsyncCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = parent.settings();
        Console console = Console.of(spec.commandLine()).redacting(settings);
        try (AzsyncRuntime runtime = AzsyncRuntime.start(settings)) {
            List<ProbeResult> results = new ConnectionTester(runtime).run(runtime.enabledStreams());
            for (ProbeResult r : results) {
                console.print((r.ok() ? "PASS  " : "FAIL  ") + r.name() + ": " + r.detail());
            }
            long failed = results.stream().filter(r -> !r.ok()).count();
            console.print(failed == 0 ? "All " + results.size() + " checks passed." : failed + " check(s) failed.");
            return failed == 0 ? AzsyncCommand.OK : AzsyncCommand.FAILED;
        }
    }
}
