package io.azsync.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.config.Settings;
import io.azsync.config.YamlFile;
import io.azsync.run.SyncRunner;
import io.azsync.sink.SinkComponent;
import io.azsync.source.GraphComponent;
import io.azsync.source.ResourceGraphComponent;
import io.azsync.source.ResourceGraphQuery;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapComponent;
import io.azsync.transform.TransformMapLoader;

/**
 * Checks everything a user edits before anything runs: transform maps, query files and route
 * files (YAML syntax, ids, references to maps and queries), then loads the routes into a Camel
 * context that is started and stopped again without running anything. Every problem is reported
 * as {@code file:line: message}.
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
        for (Path file : routeFiles) {
            try {
                new RouteFileCheck(YamlFile.read(file, file.toString()), maps, queries, problems).check();
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(camelProblems(settings, maps, routeFiles));
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

    /** Loads the routes into a throw-away Camel context and starts it, so Camel's own checks run too. */
    private static List<Problem> camelProblems(Settings settings, Map<String, TransformMap> maps, List<Path> routeFiles) {
        List<Problem> problems = new ArrayList<>();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getCamelContextExtension().setName("azsync-validate");
            camel.disableJMX();
            camel.getRegistry().bind("azure-resource-graph", new ResourceGraphComponent(Path.of(settings.get(Settings.QUERIES_DIR))));
            io.azsync.transform.TransformMaps registry = new io.azsync.transform.TransformMaps(maps);
            camel.getRegistry().bind("transform-map", new TransformMapComponent(registry));
            camel.getRegistry().bind("msgraph", new GraphComponent(registry));
            camel.getRegistry().bind("sink", new SinkComponent(null, null, null, registry));
            for (Path file : routeFiles) {
                try {
                    PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath()));
                } catch (Exception e) {
                    String message = rootMessage(e);
                    java.util.regex.Matcher line = java.util.regex.Pattern.compile(", line (\\d+),").matcher(message);
                    problems.add(new Problem(file.toString(), line.find() ? Integer.parseInt(line.group(1)) : 0,
                            "Camel cannot load the routes: " + message));
                }
            }
            if (problems.isEmpty()) {
                try {
                    camel.start();
                } catch (Exception e) {
                    problems.add(new Problem(settings.get(Settings.ROUTES_DIR), 0, "Camel cannot start the routes: " + rootMessage(e)));
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(settings.get(Settings.ROUTES_DIR), 0, "Camel did not stop cleanly: " + e.getMessage()));
        }
        return problems;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString().replaceAll("\\s+", " ");
    }

    /** Static checks of one route file: ids, groups and the maps and queries it refers to. */
    private static final class RouteFileCheck {
        private final YamlFile yaml;
        private final Map<String, TransformMap> maps;
        private final Path queries;
        private final List<Problem> problems;

        RouteFileCheck(YamlFile yaml, Map<String, TransformMap> maps, Path queries, List<Problem> problems) {
            this.yaml = yaml;
            this.maps = maps;  // null when the maps did not load: their problems are reported already
            this.queries = queries;
            this.problems = problems;
        }

        void check() {
            for (Node document : yaml.documents()) {
                if (!YamlFile.isSequence(document)) {
                    problems.add(yaml.problem(document, "a route file is a list: start each route with '- route:'"));
                    continue;
                }
                for (Node item : YamlFile.items(document)) {
                    for (NodeTuple entry : YamlFile.entries(item)) {
                        String kind = YamlFile.scalar(entry.getKeyNode());
                        if ("route".equals(kind)) {
                            route(entry.getValueNode());
                        } else if ("routeTemplate".equals(kind)) {
                            template(entry.getValueNode());
                        } else if ("templatedRoute".equals(kind)) {
                            templated(entry.getValueNode());
                        }
                    }
                }
            }
        }

        private void route(Node route) {
            String id = value(route, "id");
            if (id == null) {
                problems.add(yaml.problem(route, "route has no id: give it one (for a stream, the stream's name)"));
            }
            boolean stream = SyncRunner.STREAM_GROUP.equals(value(route, "group"));
            walk(route, stream, id);
        }

        /** A route template: its steps need ids like a route's; its URIs are checked per templated route (below). */
        private void template(Node template) {
            if (value(template, "id") == null) {
                problems.add(yaml.problem(template, "route template has no id: templated routes name it in routeTemplateRef"));
            }
            for (NodeTuple entry : YamlFile.entries(template)) {
                if ("route".equals(YamlFile.scalar(entry.getKeyNode()))) {
                    walk(entry.getValueNode(), SyncRunner.STREAM_GROUP.equals(value(entry.getValueNode(), "group")), null);
                }
            }
        }

        /**
         * A stream made from a template: it needs a route id, and the parameters that name files must
         * name existing ones (stream and map: a transform map; query: a query file).
         */
        private void templated(Node templated) {
            if (value(templated, "routeId") == null) {
                problems.add(yaml.problem(templated, "templated route has no routeId: give it the stream's name"));
            }
            for (NodeTuple entry : YamlFile.entries(templated)) {
                if (!"parameters".equals(YamlFile.scalar(entry.getKeyNode()))) {
                    continue;
                }
                for (Node parameter : YamlFile.items(entry.getValueNode())) {
                    String name = value(parameter, "name");
                    Node valueNode = null;
                    for (NodeTuple p : YamlFile.entries(parameter)) {
                        if ("value".equals(YamlFile.scalar(p.getKeyNode()))) {
                            valueNode = p.getValueNode();
                        }
                    }
                    String value = valueNode == null ? null : YamlFile.scalar(valueNode);
                    if (value == null) {
                        continue;
                    }
                    if (("stream".equals(name) || "map".equals(name)) && maps != null && !maps.containsKey(value)) {
                        problems.add(yaml.problem(valueNode, "no transform map " + value + ".yaml in the transform-maps directory"));
                    } else if ("query".equals(name) && !Files.isRegularFile(queries.resolve(value + ".kql"))) {
                        problems.add(yaml.problem(valueNode, "no query file " + queries.resolve(value + ".kql")));
                    }
                }
            }
        }

        private void walk(Node node, boolean stream, String routeId) {
            for (NodeTuple entry : YamlFile.entries(node)) {
                String key = YamlFile.scalar(entry.getKeyNode());
                Node value = entry.getValueNode();
                if (stream && ("to".equals(key) || "split".equals(key)) && YamlFile.isMapping(value) && value(value, "id") == null) {
                    problems.add(yaml.problem(entry.getKeyNode(), key + " step has no id: give it one so logs and JMX name it"));
                }
                if ("uri".equals(key) || ("to".equals(key) && YamlFile.scalar(value) != null)) {
                    uri(value, routeId);
                }
                walk(value, stream, routeId);
            }
            for (Node item : YamlFile.items(node)) {
                walk(item, stream, routeId);
            }
        }

        private void uri(Node node, String routeId) {
            String uri = YamlFile.scalar(node);
            if (uri == null || uri.contains("{{")) {
                // a template's URI: checked through the parameters of each templated route
                return;
            }
            String path = uri.contains(":") ? uri.substring(uri.indexOf(':') + 1) : "";
            String name = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (maps == null && (uri.startsWith("transform-map:") || uri.startsWith("sink:"))) {
                return;
            }
            if (uri.startsWith("transform-map:") && !maps.containsKey(name)) {
                problems.add(yaml.problem(node, "no transform map " + name + ".yaml in the transform-maps directory"));
            } else if (uri.startsWith("azure-resource-graph:") && !uri.contains("queryFile=")
                    && !Files.isRegularFile(queries.resolve(name + ".kql"))) {
                problems.add(yaml.problem(node, "no query file " + queries.resolve(name + ".kql") + " for " + uri));
            } else if (uri.startsWith("sink:mark-deleted") && !uri.contains("map=") && routeId != null && !maps.containsKey(routeId)) {
                problems.add(yaml.problem(node, "sink:mark-deleted closes the map named like the route (" + routeId
                        + ".yaml), which does not exist: add ?map=NAME"));
            }
        }

        private static String value(Node mapping, String key) {
            for (NodeTuple entry : YamlFile.entries(mapping)) {
                if (key.equals(YamlFile.scalar(entry.getKeyNode()))) {
                    return YamlFile.scalar(entry.getValueNode());
                }
            }
            return null;
        }
    }
}
