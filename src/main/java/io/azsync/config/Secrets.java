package io.azsync.config;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret value this process was configured with (client secrets, certificate and user
 * passwords, the database password, the API token, connectors' secrets), so that any text about to
 * be stored, logged, served or exposed over JMX can have them replaced with {@code ****} first: an
 * error from Azure or a proxy that echoes a secret must not carry it any further. Values are added
 * where settings are read ({@link Settings}, {@link ConnectorsFile}), and only there.
 */
public final class Secrets {

    /** Shorter values are not secrets worth masking (and would mangle ordinary text). */
    static final int MIN_LENGTH = 6;
    static final String MASK = "****";

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    private static volatile List<String> longestFirst = List.of();

    private Secrets() {
    }

    static void add(String value) {
        if (value != null && value.length() >= MIN_LENGTH && VALUES.add(value)) {
            longestFirst = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    /** The text with every known secret value replaced by {@code ****}; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : longestFirst) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** A JDBC URL as it may be shown: a {@code password=} parameter in it masked. */
    public static String maskUrlPassword(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1" + MASK);
    }

    /**
     * Puts a redacting stream in front of standard error, where every log line goes (slf4j-simple
     * writes to {@code System.err}), so no library's log can print a secret either. Idempotent.
     */
    public static synchronized void redactStandardError() {
        if (!(System.err instanceof RedactingStream)) {
            System.setErr(new RedactingStream(System.err));
        }
    }

    /** A print stream that redacts each line before it passes it on. */
    static final class RedactingStream extends PrintStream {
        private final PrintStream target;
        private final StringBuilder line = new StringBuilder();

        RedactingStream(PrintStream target) {
            super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) {
            line.append(new String(buf, off, len, StandardCharsets.UTF_8));
            int newline;
            while ((newline = line.indexOf("\n")) >= 0) {
                target.print(redact(line.substring(0, newline + 1)));
                line.delete(0, newline + 1);
            }
            target.flush();
        }

        @Override
        public synchronized void flush() {
            if (line.length() > 0) {
                target.print(redact(line.toString()));
                line.setLength(0);
            }
            target.flush();
        }
    }
}
