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
 * by a setting's value (e.g. {@code {{include_inactive}}}). A view that cannot be written portably
 * has a variant per database: {@code views/<dialect>/<file>.sql} replaces {@code views/<file>.sql}
 * on that database (and a file only there adds a view on that database only).
 */
public final class ViewManager {

    private static final Pattern NAME = Pattern.compile("(?is)^\\s*CREATE\\s+VIEW\\s+([a-z][a-z0-9_]*)\\s+AS\\s");

    private final Database database;

    public ViewManager(Database database) {
        this.database = database;
    }

    /** Problems with the view files themselves (no database needed): each holds exactly one {@code CREATE VIEW}. */
    public static List<Problem> check(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Problem> problems = new java.util.ArrayList<>();
        List<String> dialects = Dialect.known().stream().map(Dialect::name).toList();
        for (Path sub : subfolders(dir)) {
            String name = sub.getFileName().toString();
            if (!dialects.contains(name)) {
                problems.add(new Problem(sub.toString(), 0, "no database is named " + name + ": a folder of view variants is named "
                        + "after its database (" + String.join(", ", dialects) + ")"));
            }
        }
        problems.addAll(check(files(dir, null)));
        for (String dialect : dialects) {
            if (Files.isDirectory(dir.resolve(dialect))) {
                check(files(dir, dialect)).stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            }
        }
        return problems;
    }

    private static List<Problem> check(List<Path> files) {
        List<Problem> problems = new java.util.ArrayList<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (Path file : files) {
            String sql = read(file);
            String problem = problem(sql);
            if (problem != null) {
                problems.add(new Problem(file.toString(), 1, problem));
            } else {
                String name = name(SqlStatements.split(sql).get(0));
                String other = names.putIfAbsent(name, file.toString());
                if (other != null) {
                    problems.add(new Problem(file.toString(), 1, "view " + name + " is also created by " + other
                            + ": give one of them another name"));
                }
            }
        }
        return problems;
    }

    /** Why a view file's text is not exactly one {@code CREATE VIEW name AS ...}, or null when it is. */
    static String problem(String sql) {
        List<String> statements = SqlStatements.split(sql);
        if (statements.size() != 1) {
            return "a view file holds exactly one 'CREATE VIEW name AS SELECT ...' statement; this one holds " + statements.size()
                    + ": put each other statement in a file of its own (a view) or in a migration of your own (anything else)";
        }
        if (name(statements.get(0)) == null) {
            return "a view file holds one 'CREATE VIEW name AS SELECT ...' (name in lower case)";
        }
        return null;
    }

    public void apply(Path dir, Map<String, String> placeholders) {
        apply(dir, placeholders, Map.of());
    }

    /**
     * Replaces the views in one transaction. Where the database can replace a view in place
     * ({@link Dialect#replaceView}), every view is replaced so, in name order, and views an integrator
     * built on them stay; when that is refused (a view's columns changed), and where it cannot, every
     * view is dropped (in reverse order, so dependants go first) and the views of the files are
     * created in name order, then the generated ones ({@code name → CREATE VIEW ...}). When one is
     * refused, the transaction rolls back and the previous views stay as they were.
     */
    public void apply(Path dir, Map<String, String> placeholders, Map<String, String> generated) {
        List<Path> files = Files.isDirectory(dir) ? files(dir, database.dialect().name()) : List.of();
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        Map<String, String> statements = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            String sql = read(file);
            if (problem(sql) != null) {
                throw new InvalidConfigurationException(check(dir));
            }
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                sql = sql.replace("{{" + p.getKey() + "}}", p.getValue());
            }
            String statement = SqlStatements.split(sql).get(0);
            duplicate(sources, name(statement), file.toString());
            statements.put(name(statement), statement);
            sources.put(name(statement), file.toString());
        }
        for (Map.Entry<String, String> view : generated.entrySet()) {
            duplicate(sources, view.getKey(), "generated view " + view.getKey());
            statements.put(view.getKey(), view.getValue());
            sources.put(view.getKey(), "generated view " + view.getKey());
        }
        List<String> names = List.copyOf(statements.keySet());
        database.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                if (replacedInPlace(c, st, names, statements)) {
                    return null;
                }
                for (int i = names.size() - 1; i >= 0; i--) {
                    try {
                        st.execute("DROP VIEW IF EXISTS " + names.get(i));
                    } catch (SQLException e) {
                        throw new InvalidConfigurationException(List.of(new Problem(sources.get(names.get(i)), 0, "view "
                                + names.get(i) + " changed and must be made again, but the database (" + database.dialect().name()
                                + ") refused to drop it: " + SqlErrors.describe(e) + "; when views of your own use it, drop them, "
                                + "start azsync, then create them again (azsync never drops a view it did not make); the views in use "
                                + "were kept as they were")));
                    }
                }
                for (String name : names) {
                    try {
                        st.execute(statements.get(name));
                    } catch (SQLException e) {
                        throw new InvalidConfigurationException(List.of(new Problem(sources.get(name), 0, "the database ("
                                + database.dialect().name() + ") refused the view: " + SqlErrors.describe(e)
                                + "; the views in use were kept as they were")));
                    }
                }
            }
            return null;
        });
    }

    /** Replaces every view in place, behind a savepoint; false (nothing changed) where the database cannot or refused one. */
    private boolean replacedInPlace(java.sql.Connection c, Statement st, List<String> names, Map<String, String> statements)
            throws SQLException {
        if (names.isEmpty() || database.dialect().replaceView(statements.get(names.get(0))) == null) {
            return false;
        }
        java.sql.Savepoint before = c.setSavepoint();
        try {
            for (String name : names) {
                st.execute(database.dialect().replaceView(statements.get(name)));
            }
        } catch (SQLException e) {
            c.rollback(before);
            return false;
        }
        c.releaseSavepoint(before);
        return true;
    }

    /** Two sources of one view name would replace each other in silence: refused, naming both. */
    private static void duplicate(Map<String, String> sources, String name, String source) {
        if (sources.containsKey(name)) {
            throw new InvalidConfigurationException(List.of(new Problem(source, 1, "view " + name + " is also created by "
                    + sources.get(name) + ": give one of them another name")));
        }
    }

    /** The view files in effect on a database: the portable ones, each replaced by its variant in {@code dialect}'s folder. */
    private static List<Path> files(Path dir, String dialect) {
        Map<String, Path> byName = new java.util.TreeMap<>();
        sqlFiles(dir).forEach(p -> byName.put(p.getFileName().toString(), p));
        if (dialect != null && Files.isDirectory(dir.resolve(dialect))) {
            sqlFiles(dir.resolve(dialect)).forEach(p -> byName.put(p.getFileName().toString(), p));
        }
        return List.copyOf(byName.values());
    }

    private static List<Path> sqlFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of(new Problem(dir.toString(), 0, "cannot list: " + e.getMessage())));
        }
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
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
        Matcher m = NAME.matcher(sql.replaceAll("(?m)^\\s*--.*$", "").strip());
        return m.find() ? m.group(1) : null;
    }

}
