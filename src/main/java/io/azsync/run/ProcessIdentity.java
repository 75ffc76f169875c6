package io.azsync.run;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds a stream lease or owns a run: {@code pid@host#instance}. The instance part tells two
 * azsync runtimes of one JVM apart (tests, or a container restarted with the same pid 1), so a
 * holder on this host can be judged dead at once, without waiting for its lease to expire: its
 * process is gone, or it is this process but not a runtime that is still open.
 */
public record ProcessIdentity(String holder, String host, long pid, String instance) {

    private static final Set<String> OPEN_HERE = ConcurrentHashMap.newKeySet();
    /**
     * The host name plus the process-id namespace (Linux): two containers with one host name (host
     * networking, a fixed hostname) both run as pid 1, and must not take each other for dead.
     */
    private static final String HOST = hostName() + pidNamespace();

    /** A new identity for a runtime of this process; open until {@link #retire()}. */
    public static ProcessIdentity create() {
        long pid = ProcessHandle.current().pid();
        String instance = UUID.randomUUID().toString().substring(0, 8);
        ProcessIdentity id = new ProcessIdentity(pid + "@" + HOST + "#" + instance, HOST, pid, instance);
        OPEN_HERE.add(id.holder());
        return id;
    }

    /** The runtime closed: its holder string no longer counts as alive in this process. */
    public void retire() {
        OPEN_HERE.remove(holder);
    }

    /**
     * True when {@code holder} certainly does not run any more: it names this host and its process is
     * gone, or it names this process and no open runtime of it. False when it may still run (another
     * host, or a process that is alive): then only its expired heartbeat proves it dead.
     */
    public static boolean certainlyDead(String holder) {
        if (holder == null) {
            return true;
        }
        int at = holder.indexOf('@');
        int hash = holder.lastIndexOf('#');
        if (at <= 0 || hash < at) {
            return false;
        }
        String host = holder.substring(at + 1, hash);
        if (!host.equals(HOST)) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(holder.substring(0, at));
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) {
            return !OPEN_HERE.contains(holder);
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** "~" and the pid namespace's inode, or "" where there is none to read (then a pid is judged on this host name alone). */
    private static String pidNamespace() {
        try {
            String link = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString();
            return "~" + link.replaceAll("[^0-9]", "");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "localhost";
            }
        }
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }
}
