package io.azsync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.azsync.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code azsync demo}: syncs a small simulated tenant (served over HTTPS on loopback, in this
 * process only) into a SQLite file and shows a few queries. No Azure account needed. The simulator
 * is no part of the product: it is built into {@code target/azsync-demo.jar} beside
 * {@code azsync.jar} and loaded from there by this command alone, so {@code sync} and {@code run}
 * cannot reach it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Sync a small simulated tenant into a SQLite file, without Azure, and show a few queries.")
public class DemoCommand implements Callable<Integer> {

    static final List<String> QUERIES = List.of(
            "SELECT asset_name, ip_address, sources, open_findings, risk_score FROM assets ORDER BY risk_score DESC, asset_name LIMIT 5",
            "SELECT finding_type, finding_name, finding_severity, cve_ids, asset_uid FROM findings WHERE finding_status = 'open' "
                    + "ORDER BY finding_severity DESC, finding_type LIMIT 6",
            "SELECT principal_name, principal_type, role_name, scope_level, risk, days_to_expiry FROM privileged_access_risks",
            "SELECT owner_type, owner_name, credential_type, days_to_expiry, expired FROM entra_expiring_credentials ORDER BY days_to_expiry",
            "SELECT name, type, public_network_access, anonymous_blob_access FROM exposed_data_stores ORDER BY name",
            "SELECT asset_name, ip_address, vulnerability_id, cve_ids FROM exposed_critical_vulnerabilities ORDER BY asset_name",
            "SELECT stream, state, records_read, records_written FROM sync_runs ORDER BY run_id");

    @Spec
    private CommandSpec spec;

    @Option(names = "--file", defaultValue = "azsync-demo.db", description = "SQLite file to write (default ${DEFAULT-VALUE}); replaced if it exists.")
    private Path file;

    @Option(names = "--vms", defaultValue = "40", description = "Virtual machines in the simulated tenant (default ${DEFAULT-VALUE}).")
    private int vms;

    @Option(names = "--users", defaultValue = "120", description = "Users in the simulated tenant (default ${DEFAULT-VALUE}).")
    private int users;

    /**
     * Starts the simulator ({@code io.azsync.demo.Demo}: an AutoCloseable that supplies the settings
     * pointing at it), from the class path when it is there (tests) or from {@code azsync-demo.jar}
     * next to the running {@code azsync.jar}.
     */
    private AutoCloseable startSimulator(Path work) throws Exception {
        String name = "io.azsync.demo.Demo";
        Class<?> type;
        try {
            type = Class.forName(name);
        } catch (ClassNotFoundException notOnClassPath) {
            Path product = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = product.getParent().resolve("azsync-demo.jar");   // target/azsync.jar or target/classes: both in target/
            if (!Files.isRegularFile(jar)) {
                throw notOnClassPath;
            }
            java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                    DemoCommand.class.getClassLoader());
            type = Class.forName(name, true, loader);
        }
        return (AutoCloseable) type.getMethod("start", Path.class, int.class, int.class).invoke(null, work, vms, users);
    }

    @Override
    public Integer call() throws Exception {
        Console console = Console.of(spec.commandLine());
        Files.deleteIfExists(file);
        Path work = Files.createTempDirectory("azsync-demo");
        console.print("Starting a simulated Azure tenant on 127.0.0.1 (" + vms + " VMs, " + users + " users) ...");
        AutoCloseable demo;
        try {
            demo = startSimulator(work);
        } catch (ClassNotFoundException e) {
            console.error("The demo's simulator is not built: run ./azsync demo (or mvn -DskipTests package, which builds "
                    + "target/azsync-demo.jar beside target/azsync.jar).");
            return AzsyncCommand.INVALID;
        }
        try (demo) {
            @SuppressWarnings("unchecked")
            Map<String, String> env = new HashMap<>(((java.util.function.Supplier<Map<String, String>>) demo).get());
            env.put("AZSYNC_JDBC_URL", "jdbc:sqlite:" + file.toAbsolutePath());
            env.put("AZSYNC_CONNECTORS_FILE", work.resolve("none.yaml").toString());
            int code = AzsyncCommand.commandLine(() -> Settings.load(env, null)).setOut(spec.commandLine().getOut())
                    .setErr(spec.commandLine().getErr()).execute("sync");
            if (code == AzsyncCommand.INVALID) {
                console.error("The demo runs the project's routes, maps and views: start it from the azsync directory.");
                return code;
            }
            console.print("");
            console.print("The data is in " + file.toAbsolutePath() + " (SQLite). A few queries:");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()); Statement st = c.createStatement()) {
                for (String sql : QUERIES) {
                    console.print("");
                    console.print("sqlite> " + sql + ";");
                    try (ResultSet rs = st.executeQuery(sql)) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                row.append(i > 1 ? " | " : "").append(rs.getString(i));
                            }
                            console.print(row.toString());
                        }
                    }
                }
            }
            console.print("");
            console.print("Open it with: sqlite3 " + file + "   (tables: azure_*, entra_*, defender_assessments; views: assets, findings, asset_tags)");
            return code;
        }
    }
}
