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
        List<Problem> problems = new java.util.ArrayList<>(ConfigValidator.validate(settings));
        try {
            io.azsync.config.SecretBox.fromEnvironment(settings.environment());
        } catch (io.azsync.config.SecretBox.SecretKeyException e) {
            problems.add(new Problem(io.azsync.config.SecretBox.KEY_ENV, 0, e.getMessage()));
        }
        if (problems.isEmpty()) {
            console.print("OK: settings, routes (" + settings.get(Settings.ROUTES_DIR) + "), queries ("
                    + settings.get(Settings.QUERIES_DIR) + ") and transform maps (" + settings.get(Settings.TRANSFORM_MAPS_DIR)
                    + ") are valid.");
            List<String> fromFile = io.azsync.config.ConnectorsFile.load(settings, settings.environment()).stream()
                    .map(io.azsync.config.ConnectorConfig::name).toList();
            console.print("Connectors of the file or environment: " + (fromFile.isEmpty() ? "none" : String.join(", ", fromFile)));
            console.print("Connectors created over the API (in the database): " + managed(settings));
            return AzsyncCommand.OK;
        }
        problems.forEach(p -> console.error(p.toString()));
        console.error(problems.size() + " problem(s) found.");
        return AzsyncCommand.INVALID;
    }

    /**
     * The API-managed connectors stored in the sink database, read without changing it (a SQLite
     * file that does not exist yet is not created; a database without the table has none).
     */
    private static String managed(Settings settings) {
        String url = settings.get(Settings.JDBC_URL);
        if (url.startsWith("jdbc:sqlite:") && !java.nio.file.Files.exists(java.nio.file.Path.of(url.substring("jdbc:sqlite:".length())))) {
            return "none (no database yet)";
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, settings.get(Settings.JDBC_USER), settings.get(Settings.JDBC_PASSWORD));
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT name FROM managed_connectors ORDER BY name")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("no such table")) {
                return "none";
            }
            return "not readable (" + io.azsync.config.Secrets.redact(e.getMessage()) + ")";
        }
    }
}
