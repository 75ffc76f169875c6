package io.azsync.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceHelper;

import io.azsync.config.Problem;
import io.azsync.config.Settings;
import io.azsync.run.SyncRunner;
import io.azsync.sink.SinkEndpoint;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMaps;

/**
 * Checks the route files through Camel's own model: they are loaded (with source locations) into a
 * Camel context that is never started, then every route, route template and templated route is
 * read from the model — ids, and each endpoint created and initialised by its own component, which
 * validates its options (a missing transform map or query file, a page size out of range). Nothing
 * is sent and no consumer runs.
 */
final class RouteModelCheck {

    private static final Pattern LINE = Pattern.compile(", line (\\d+),");

    private final Settings settings;
    private final Map<String, TransformMap> maps;
    private final List<Path> files;
    private final List<Problem> problems = new ArrayList<>();

    RouteModelCheck(Settings settings, Map<String, TransformMap> maps, List<Path> files) {
        this.settings = settings;
        this.maps = maps;
        this.files = files;
    }

    List<Problem> problems() {
        try (DefaultCamelContext camel = new DefaultCamelContext(false)) {
            camel.getCamelContextExtension().setName("azsync-validate");
            camel.setSourceLocationEnabled(true);
            camel.disableJMX();
            camel.getRegistry().bind("transformMaps", new TransformMaps(maps));
            // as the runtime resolves them: azsync's settings win, environment and system properties only fill in other keys
            settings.camelProperties().forEach(camel.getPropertiesComponent()::addOverrideProperty);
            if (camel.getPropertiesComponent() instanceof org.apache.camel.component.properties.PropertiesComponent properties) {
                properties.setEnvironmentVariableMode(org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK);
                properties.setSystemPropertiesMode(org.apache.camel.component.properties.PropertiesComponent.SYSTEM_PROPERTIES_MODE_FALLBACK);
            }
            settings.extraProperties().forEach(camel.getPropertiesComponent()::addInitialProperty);
            camel.getPropertiesComponent().addInitialProperty("camel.component.azure-resource-graph.queries-dir",
                    settings.get(Settings.QUERIES_DIR));
            // integrators' camel-jdbc endpoints name azsync's DataSource: one that is never connected stands in for it here
            camel.getRegistry().bind("dataSource", new org.sqlite.SQLiteDataSource());
            camel.build();
            Map<String, Path> fileOfRoute = new LinkedHashMap<>();
            for (Path file : files) {
                Set<String> before = new HashSet<>(fileOfRoute.keySet());
                try {
                    PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath()));
                } catch (Exception e) {
                    String message = rootMessage(e);
                    Matcher line = LINE.matcher(message);
                    problems.add(new Problem(file.toString(), line.find() ? Integer.parseInt(line.group(1)) : 0,
                            "Camel cannot load the routes: " + message));
                    continue;
                }
                for (RouteDefinition route : camel.getRouteDefinitions()) {
                    if (route.getId() == null || !route.hasCustomIdAssigned()) {
                        if (!before.contains(String.valueOf(route.getId()))) {
                            problems.add(at(file, route.getLineNumber(), "route has no id: give it one (for a stream, the stream's name)"));
                        }
                    }
                    if (route.getId() != null) {
                        fileOfRoute.putIfAbsent(route.getId(), file);
                    }
                }
            }
            for (RouteTemplateDefinition template : camel.getRouteTemplateDefinitions()) {
                RouteDefinition route = template.getRoute();
                if (SyncRunner.STREAM_GROUP.equals(route.getGroup())) {
                    stepIds(Path.of(location(template.getLocation())), route.getOutputs());
                }
            }
            for (RouteDefinition route : camel.getRouteDefinitions()) {
                Path file = fileOfRoute.getOrDefault(route.getId(), Path.of(settings.get(Settings.ROUTES_DIR)));
                boolean templated = route.getTemplateParameters() != null && !route.getTemplateParameters().isEmpty();
                if (!templated && SyncRunner.STREAM_GROUP.equals(route.getGroup())) {
                    stepIds(file, route.getOutputs());
                }
                endpoints(camel, file, route, route.getOutputs());
            }
        } catch (Exception e) {
            problems.add(new Problem(settings.get(Settings.ROUTES_DIR), 0, "Camel cannot read the routes: " + rootMessage(e)));
        }
        return problems;
    }

    /** A stream's steps need ids, so logs and JMX can name them. */
    private void stepIds(Path file, List<ProcessorDefinition<?>> outputs) {
        for (ProcessorDefinition<?> step : outputs) {
            if ((step instanceof ToDefinition || step instanceof SplitDefinition) && !step.hasCustomIdAssigned()) {
                problems.add(at(file, step.getLineNumber(), step.getShortName() + " step has no id: give it one so logs and JMX name it"));
            }
            stepIds(file, step.getOutputs());
        }
    }

    /** Every endpoint a route sends to is created and initialised by its component, which checks its options. */
    private void endpoints(DefaultCamelContext camel, Path file, RouteDefinition route, List<ProcessorDefinition<?>> outputs) {
        Map<String, Object> parameters = route.getTemplateParameters() == null ? Map.of() : route.getTemplateParameters();
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof ToDefinition to && to.getEndpointUri() != null) {
                String uri = to.getEndpointUri();
                for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                    uri = uri.replace("{{" + parameter.getKey() + "}}", String.valueOf(parameter.getValue()));
                }
                try {
                    Endpoint endpoint = camel.getEndpoint(uri);
                    ServiceHelper.initService(endpoint);
                    if (endpoint instanceof SinkEndpoint sink) {
                        sink.checkMapOf(route.getId());
                    }
                } catch (RuntimeException e) {
                    String message = innermost(e);
                    Problem problem = at(file, lineOf(file, route, parameters, message, step.getLineNumber()), message);
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
            endpoints(camel, file, route, step.getOutputs());
        }
    }

    /**
     * The line to report: for a stream made from a template, the line of the parameter value the
     * message names (under its routeId); otherwise the step's own line.
     */
    private static int lineOf(Path file, RouteDefinition route, Map<String, Object> parameters, String message, int stepLine) {
        if (parameters.isEmpty()) {
            return Math.max(stepLine, 0);
        }
        try {
            List<String> lines = Files.readAllLines(file);
            int from = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*routeId:\\s*\"?" + Pattern.quote(route.getId()) + "\"?\\s*")) {
                    from = i;
                    break;
                }
            }
            for (Object value : parameters.values()) {
                if (message.contains(String.valueOf(value))) {
                    for (int i = from; i < lines.size(); i++) {
                        if (lines.get(i).matches("\\s*value:\\s*\"?" + Pattern.quote(String.valueOf(value)) + "\"?\\s*")) {
                            return i + 1;
                        }
                    }
                }
            }
            return from + 1;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Problem at(Path file, int line, String message) {
        return new Problem(file.toString(), Math.max(line, 0), message);
    }

    private static String location(String location) {
        return location == null ? "" : location.replaceFirst("^file:", "");
    }

    /** The message of the innermost cause: the component's own words. */
    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).replaceAll("\\s+", " ");
    }

    static String rootMessage(Throwable e) {
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
}
