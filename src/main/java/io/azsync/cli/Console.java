package io.azsync.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.azsync.config.Setting;
import io.azsync.config.Settings;
import picocli.CommandLine;

/**
 * Where commands print. Every line goes through a redactor that blanks the values of secret
 * settings, so a secret that found its way into an error text from elsewhere is still not shown.
 */
final class Console {

    private final PrintWriter out;
    private final PrintWriter err;
    private final List<String> secrets = new ArrayList<>();

    private Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    static Console of(CommandLine cli) {
        return new Console(cli.getOut(), cli.getErr());
    }

    Console redacting(Settings settings) {
        for (Setting s : Settings.ALL) {
            if (s.secret()) {
                settings.find(s).filter(v -> v.length() >= 4).ifPresent(secrets::add);
            }
        }
        return this;
    }

    void print(String line) {
        out.println(redact(line));
        out.flush();
    }

    void error(String line) {
        err.println(redact(line));
        err.flush();
    }

    String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
