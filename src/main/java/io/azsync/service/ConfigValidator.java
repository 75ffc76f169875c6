package io.azsync.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;


import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.config.Settings;
import io.azsync.source.ResourceGraphQuery;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapLoader;

/**
 * Checks everything a user edits before anything runs: transform maps, query files, views,
 * connectors and model files, then the route files through Camel's own model (see
 * {@link RouteModelCheck}). Every problem is reported as {@code file:line: message}.
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    public static void validateOrThrow(Settings settings) {
        List<Problem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    public static List<Problem> validate(Settings settings) {
        List<Problem> problems = new ArrayList<>();
        try {
            io.azsync.sink.Dialect.forUrl(settings.get(Settings.JDBC_URL));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("AZSYNC_JDBC_URL", 0, "'" + io.azsync.config.Secrets.maskUrlPassword(settings.get(Settings.JDBC_URL))
                    + "': " + e.getMessage()));
        }
        Map<String, TransformMap> maps = null;
        try {
            maps = TransformMapLoader.loadDirectory(Path.of(settings.get(Settings.TRANSFORM_MAPS_DIR)));
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        Path queries = Path.of(settings.get(Settings.QUERIES_DIR));
        for (Path query : files(queries, ".kql", problems)) {
            try {
                problems.addAll(ResourceGraphQuery.load(query, name(query, ".kql")).problems());
            } catch (IOException e) {
                problems.add(new Problem(query.toString(), 0, "cannot read: " + e.getMessage()));
            }
        }
        problems.addAll(io.azsync.sink.ViewManager.check(Path.of(settings.get(Settings.VIEWS_DIR))));
        List<String> connectorNames = List.of(settings.get(Settings.CONNECTOR));
        try {
            List<io.azsync.config.ConnectorConfig> connectors = io.azsync.config.ConnectorsFile.load(settings, settings.environment());
            connectorNames = connectors.stream().map(io.azsync.config.ConnectorConfig::name).toList();
            if (maps != null) {
                Map<String, TransformMap> byStream = maps;
                problems.addAll(io.azsync.config.ConnectorOverlap.check(connectors, byStream.keySet(),
                        stream -> byStream.containsKey(stream) && byStream.get(stream).scopeColumn() != null,
                        settings.get(Settings.CONNECTORS_FILE)));
            }
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        // every connector's model files, as start loads them (scoring-<connector>.yaml may override the default)
        for (String connector : connectorNames) {
            try {
                io.azsync.model.ModelConfig.load(Path.of(settings.get(Settings.MODEL_DIR)), connector);
            } catch (InvalidConfigurationException e) {
                e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            }
        }
        Path routes = Path.of(settings.get(Settings.ROUTES_DIR));
        List<Path> routeFiles = files(routes, ".camel.yaml", problems);
        if (routeFiles.isEmpty() && Files.isDirectory(routes)) {
            problems.add(new Problem(routes.toString(), 0, "no *.camel.yaml route files: there is nothing to sync"));
        }
        if (maps != null) {
            problems.addAll(new RouteModelCheck(settings, maps, routeFiles).problems());
        }
        return problems;
    }

    private static List<Path> files(Path dir, String suffix, List<Problem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(dir.toString(), 0, "directory not found: run azsync from its directory, or set the "
                    + "AZSYNC_*_DIR setting for it"));
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), 0, "cannot list: " + e.getMessage()));
            return List.of();
        }
    }

    private static String name(Path file, String suffix) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - suffix.length());
    }
}
