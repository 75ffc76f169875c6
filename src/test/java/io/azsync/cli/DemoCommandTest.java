package io.azsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `azsync demo` in its own JVM, as a user runs it: no Azure, a SQLite file, example queries. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDemoSyncsASimulatedTenantIntoSqliteAndShowsQueries() throws Exception {
        Path file = dir.resolve("demo.db");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "io.azsync.cli.AzsyncCommand",
                "demo", "--file", file.toString(), "--vms", "6", "--users", "5");
        pb.environment().keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("AZSYNC_"));
        pb.directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);

        assertTrue(output.contains("All 20 stream(s) succeeded."), output);
        assertTrue(output.matches("(?s).*sqlite> SELECT principal_name[^\\n]*\\n[^\\n]*guest_fabrikam[^\\n]*Owner \\| subscription \\| guest.*"),
                output);
        assertTrue(output.matches("(?s).*sqlite> SELECT asset_name, ip_address, vulnerability_id.*vm-0000.*CVE-2026-21000.*"), output);
        String stores = output.substring(output.indexOf("FROM exposed_data_stores"), output.indexOf("FROM exposed_critical_vulnerabilities"));
        assertTrue(stores.contains("stpublic0") && !stores.contains("stprivate0"), stores);
        assertTrue(output.contains("The data is in " + file), output);
        assertTrue(output.contains("sqlite> SELECT asset_name"), output);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM assets")) {
            rs.next();
            assertEquals(7, rs.getInt(1), "6 VMs and one Entra-only laptop");
        }
    }

    @Test
    void theProductHoldsNoSimulatorClass() throws Exception {
        Path productClasses = Path.of(io.azsync.cli.AzsyncCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(productClasses.resolve("io/azsync/cli")), productClasses + " is the product's classes");
        assertTrue(Files.notExists(productClasses.resolve("io/azsync/demo")),
                "target/classes (what target/azsync.jar packs) has no simulator class");
        assertTrue(Files.notExists(Path.of("src/main/java/io/azsync/demo")), "the simulator lives in src/demo/java");
    }

    @Test
    void theSimulatorIsOnlyReachableFromTheDemoCommand() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> users = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.toString().contains("/io/azsync/demo/") && !f.getFileName().toString().equals("DemoCommand.java"))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("io.azsync.demo");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            assertEquals(List.of(), users, "sync and run must never reach the simulator");
        }
    }
}
