package io.azsync.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * azsync in a process of its own, as a user or cron starts it: the test's class path, the test trust
 * store, the given environment; output goes to a log file.
 */
public final class ChildAzsync {

    private final Process process;
    private final Path log;

    private ChildAzsync(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildAzsync start(Map<String, String> env, Path log, String... args) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // leading arguments that start with -X or -D are the JVM's (default heap 256 MiB)
        List<String> jvm = new ArrayList<>();
        int first = 0;
        while (first < args.length && (args[first].startsWith("-X") || args[first].startsWith("-D"))) {
            jvm.add(args[first++]);
        }
        if (jvm.stream().noneMatch(a -> a.startsWith("-Xmx"))) {
            jvm.add("-Xmx256m");
        }
        List<String> command = new ArrayList<>(List.of(javaBin));
        command.addAll(jvm);
        command.addAll(List.of("-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
                "-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword"),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", System.getProperty("java.class.path"), "io.azsync.cli.AzsyncCommand"));
        command.addAll(List.of(args).subList(first, args.length));
        ProcessBuilder pb = new ProcessBuilder(command);
        // hermetic: only the given settings, none a developer's shell happens to export
        pb.environment().keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("AZSYNC_") || k.startsWith("IDENTITY_")
                || k.startsWith("MSI_"));
        pb.environment().putAll(env);
        pb.directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true).redirectOutput(log.toFile());
        return new ChildAzsync(pb.start(), log);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end (at most two minutes) and returns its exit code. */
    public int waitFor() throws InterruptedException {
        if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("azsync did not end within two minutes:\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    public void kill() {
        process.destroyForcibly();
    }
}
