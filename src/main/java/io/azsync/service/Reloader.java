package io.azsync.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.azsync.config.Problem;
import io.azsync.config.Settings;
import io.azsync.transform.TransformMap;
import io.azsync.transform.TransformMapLoader;

/**
 * Applies edited route files, queries, transform maps, views and model files to the running
 * service: everything is validated first (an invalid file is refused with {@code file:line} and
 * the running version stays), no sync may be running, then tables and views are updated, the maps
 * swapped in one step and the routes replaced.
 */
public final class Reloader {

    /** What a reload did: ok with the stream names, or the problems that stopped it. */
    public record Result(boolean ok, List<String> streams, List<String> problems) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final AzsyncRuntime runtime;

    public Reloader(AzsyncRuntime runtime) {
        this.runtime = runtime;
    }

    public synchronized Result reload(Collection<ConnectorService> services) {
        Settings settings = runtime.settings();
        List<Problem> problems = ConfigValidator.validate(settings);
        if (!problems.isEmpty()) {
            LOG.warn("Reload refused: {} problem(s); the running version stays", problems.size());
            return new Result(false, List.of(), problems.stream().map(Problem::toString).toList());
        }
        List<ConnectorService> paused = new ArrayList<>();
        try {
            for (ConnectorService s : services) {
                if (!s.pause()) {
                    return new Result(false, List.of(), List.of("connector " + s.connector().name()
                            + " is syncing: reload when it has finished"));
                }
                paused.add(s);
            }
            Map<String, TransformMap> maps = TransformMapLoader.loadDirectory(Path.of(settings.get(Settings.TRANSFORM_MAPS_DIR)));
            AzsyncRuntime.prepareDatabase(settings, maps, runtime.database(), runtime.connectors().keySet());
            runtime.maps().replace(maps);
            var camel = runtime.camel();
            camel.removeEndpoints("transform-map:*");
            camel.removeEndpoints("azure-resource-graph:*");
            camel.removeEndpoints("msgraph:*");
            camel.removeEndpoints("sink:*");
            // a fresh load of the route files: the stream routes (templated or not) and the templates go first, as
            // Camel's update of route files leaves templated routes out
            String routesDir = Path.of(settings.get(Settings.ROUTES_DIR)).toAbsolutePath().toString();
            for (org.apache.camel.Route route : List.copyOf(camel.getRoutes())) {
                String source = route.getSourceResource() == null ? "" : route.getSourceResource().getLocation();
                if (route.isCreatedByRouteTemplate() || io.azsync.run.SyncRunner.STREAM_GROUP.equals(route.getGroup())
                        || source.contains(routesDir)) {
                    camel.getRouteController().stopRoute(route.getRouteId());
                    camel.removeRoute(route.getRouteId());
                }
            }
            camel.removeRouteTemplates("*");
            org.apache.camel.model.ModelCamelContext model = (org.apache.camel.model.ModelCamelContext) camel;
            for (var configuration : List.copyOf(model.getRouteConfigurationDefinitions())) {
                model.removeRouteConfiguration(configuration);   // the route files bring theirs back
            }
            PluginHelper.getRoutesLoader(camel).loadRoutes(routeFiles(settings));
            LOG.info("Reloaded routes, queries, transform maps, views and model files");
            return new Result(true, runtime.allStreams(), List.of());
        } catch (Exception e) {
            LOG.warn("Reload failed: {}", e.getMessage());
            return new Result(false, List.of(), List.of(io.azsync.run.Failures.message(e)));
        } finally {
            paused.forEach(ConnectorService::resume);
        }
    }

    private List<Resource> routeFiles(Settings settings) throws java.io.IOException {
        try (Stream<Path> files = Files.list(Path.of(settings.get(Settings.ROUTES_DIR)))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted()
                    .map(p -> ResourceHelper.resolveResource(runtime.camel(), "file:" + p.toAbsolutePath())).toList();
        }
    }
}
