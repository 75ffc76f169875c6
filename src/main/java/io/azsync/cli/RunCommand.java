package io.azsync.cli;

import java.time.Clock;
import java.util.concurrent.Callable;

import io.azsync.config.Settings;
import io.azsync.service.AzsyncRuntime;
import io.azsync.service.ConnectorService;
import io.azsync.service.ServiceMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code azsync run}: the long-running service; polls every enabled connector on its schedules until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run as a service: poll every enabled connector on its schedules until stopped (SIGTERM).")
public class RunCommand implements Callable<Integer> {

    @ParentCommand
    private AzsyncCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.settings();
        Console console = Console.of(spec.commandLine()).redacting(settings);
        AzsyncRuntime runtime = AzsyncRuntime.create(settings, true);
        ServiceMode[] service = new ServiceMode[1];
        // camel-main's run(): started, then waits until a stop signal completes it, then stops Camel
        runtime.run(() -> {
            service[0] = ServiceMode.start(runtime, Clock.systemUTC());
            for (ConnectorService s : service[0].services().values()) {
                console.print("Connector " + s.connector().name() + ": " + s.state().label()
                        + (s.nextFireTime() == null ? "" : ", next sync " + s.nextFireTime()));
            }
            console.print("azsync is running (JMX: io.azsync:type=Connector,name=*); stop it with SIGTERM or Ctrl-C.");
            StopSignals.install(runtime::stopRunning);
        }, () -> {
            if (service[0] == null) {
                return;
            }
            java.time.Duration grace = settings.duration(Settings.SHUTDOWN_GRACE_PERIOD);
            console.print("Stopping: working streams stop at their next page boundary (at most " + grace.toSeconds() + " s), "
                    + "queued runs are cancelled.");
            try {
                int late = service[0].stop(grace).size();
                console.print(late == 0 ? "Stopped." : "Stopped; " + late + " stream(s) did not reach a page boundary in time and were "
                        + "closed as failed (stopped).");
            } finally {
                service[0].close();
            }
        });
        return AzsyncCommand.OK;
    }
}
