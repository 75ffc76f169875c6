package io.azsync.cli;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.run.Failures;
import io.azsync.sink.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints what went wrong as azsync's own message (cause and fix), not a stack trace, and picks the exit code. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        Console console = Console.of(cli);
        if (e instanceof InvalidConfigurationException invalid) {
            console.error("invalid configuration:");
            invalid.problems().forEach(p -> console.error("  " + p));
            return AzsyncCommand.INVALID;
        }
        if (e instanceof DatabaseException) {
            console.error(e.getMessage());
            return AzsyncCommand.INVALID;
        }
        console.error("azsync: " + Failures.message(e));
        return AzsyncCommand.FAILED;
    }
}
