package io.azsync.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.azsync.config.Problem;
import io.azsync.config.Settings;
import io.azsync.service.ConfigValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code azsync validate}: checks settings, route files, queries and transform maps; problems as {@code file:line: message}. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check settings, route files, queries and transform maps without running anything.")
public class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private AzsyncCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = parent.settings();
        Console console = Console.of(spec.commandLine()).redacting(settings);
        List<Problem> problems = ConfigValidator.validate(settings);
        if (problems.isEmpty()) {
            console.print("OK: settings, routes (" + settings.get(Settings.ROUTES_DIR) + "), queries ("
                    + settings.get(Settings.QUERIES_DIR) + ") and transform maps (" + settings.get(Settings.TRANSFORM_MAPS_DIR)
                    + ") are valid.");
            return AzsyncCommand.OK;
        }
        problems.forEach(p -> console.error(p.toString()));
        console.error(problems.size() + " problem(s) found.");
        return AzsyncCommand.INVALID;
    }
}
