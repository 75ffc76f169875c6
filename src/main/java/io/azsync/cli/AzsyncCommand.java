package io.azsync.cli;

import java.util.function.Supplier;

import io.azsync.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar azsync.jar <command>}: the command line entry point. */
@Command(name = "azsync", mixinStandardHelpOptions = true, version = "azsync 0.1.0",
         description = "Keeps a relational copy of an Azure security estate fresh.",
         subcommands = {SyncCommand.class, RunCommand.class, ConnectorsCommand.class, DemoCommand.class, TestConnectionCommand.class, ValidateCommand.class, HistoryCommand.class, SecretsCommand.class,
                        CommandLine.HelpCommand.class})
public class AzsyncCommand {

    /** Exit codes: 0 success, 1 a stream or probe failed, 2 invalid configuration or unusable database. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    /** Every stream loaded, but part of the scope could not be read (a stream ended partial). */
    public static final int PARTIAL = 3;
    /** Nothing failed, but a stream was skipped: another process (cron, the service, another node) was running it. */
    public static final int SKIPPED = 4;

    private final Supplier<Settings> settings;

    public AzsyncCommand() {
        this(Settings::fromEnvironment);
    }

    public AzsyncCommand(Supplier<Settings> settings) {
        this.settings = settings;
    }

    Settings settings() {
        return settings.get();
    }

    public static CommandLine commandLine(Supplier<Settings> settings) {
        CommandLine cli = new CommandLine(new AzsyncCommand(settings));
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli;
    }

    public static void main(String[] args) {
        int exit = commandLine(Settings::fromEnvironment).execute(args);
        io.azsync.source.HttpSelectorThreads.end();
        System.exit(exit);
    }
}
