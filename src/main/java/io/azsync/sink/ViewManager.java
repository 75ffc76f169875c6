package io.azsync.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;

/**
 * Creates the views of {@code views/*.sql} (joins and derived tables live in the database, not in
 * Java): each file holds one portable {@code CREATE VIEW name AS ...}; it is dropped and created
 * again at every start, so it follows the tables as their maps evolve. {@code {{name}}} is replaced
 * by a setting's value (e.g. {@code {{include_inactive}}}).
 */
public final class ViewManager {

    private static final Pattern NAME = Pattern.compile("(?is)^\\s*CREATE\\s+VIEW\\s+([a-z][a-z0-9_]*)\\s+AS\\s");

    private final Database database;

    public ViewManager(Database database) {
        this.database = database;
    }

    /** Problems with the view files themselves (no database needed). */
    public static List<Problem> check(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return files(dir).stream().filter(f -> name(read(f)) == null)
                .map(f -> new Problem(f.toString(), 1, "a view file holds one 'CREATE VIEW name AS SELECT ...' (name in lower case)"))
                .toList();
    }

    public void apply(Path dir, Map<String, String> placeholders) {
        apply(dir, placeholders, Map.of());
    }

    /**
     * Drops every view (in reverse order, so dependants go first), then creates the views of the
     * files in name order, then the generated ones ({@code name → CREATE VIEW ...}).
     */
    public void apply(Path dir, Map<String, String> placeholders, Map<String, String> generated) {
        List<Path> files = Files.isDirectory(dir) ? files(dir) : List.of();
        List<String> names = new java.util.ArrayList<>();
        for (Path file : files) {
            String name = name(read(file));
            if (name == null) {
                throw new InvalidConfigurationException(check(dir));
            }
            names.add(name);
        }
        names.addAll(generated.keySet());
        database.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                for (int i = names.size() - 1; i >= 0; i--) {
                    st.execute("DROP VIEW IF EXISTS " + names.get(i));
                }
            }
            return null;
        });
        for (Path file : files) {
            String sql = read(file);
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                sql = sql.replace("{{" + p.getKey() + "}}", p.getValue());
            }
            String name = name(sql);
            if (name == null) {
                throw new InvalidConfigurationException(check(dir));
            }
            create(file.toString(), sql);
        }
        for (Map.Entry<String, String> view : generated.entrySet()) {
            create("generated view " + view.getKey(), view.getValue());
        }
    }

    private void create(String source, String statement) {
        try {
            database.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute(statement);
                }
                return null;
            });
        } catch (DatabaseException e) {
            throw new InvalidConfigurationException(List.of(new Problem(source, 0, "the database ("
                    + database.dialect().name() + ") refused the view: " + Database.rootMessage(e))));
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of(new Problem(dir.toString(), 0, "cannot list: " + e.getMessage())));
        }
    }

    /** The file without its {@code --} comment lines. */
    private static String read(Path file) {
        try {
            StringBuilder sb = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (!line.trim().startsWith("--")) {
                    sb.append(line).append('\n');
                }
            }
            return sb.toString().trim().replaceFirst(";\\s*$", "");
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of(new Problem(file.toString(), 0, "cannot read: " + e.getMessage())));
        }
    }

    private static String name(String sql) {
        Matcher m = NAME.matcher(sql);
        return m.find() ? m.group(1) : null;
    }

}
