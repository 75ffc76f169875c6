package io.azsync.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import io.azsync.cli.AzsyncCommand;
import io.azsync.config.Settings;
import picocli.CommandLine;

/** Runs an azsync command in-process with given settings and captures exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AzsyncCommand.commandLine(() -> Settings.load(env, null));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public String all() {
        return out + err;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
