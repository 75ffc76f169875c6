package io.azsync.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.model.rest.RestBindingMode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.azsync.config.ConnectorConfig;
import io.azsync.config.Settings;
import io.azsync.run.RunRecord;
import io.azsync.run.StreamRun;
import io.azsync.run.Trigger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The REST management API (Camel REST DSL on the platform HTTP server, bound to 127.0.0.1 by
 * default). Every endpoint but {@code /api/health} needs {@code Authorization: Bearer <AZSYNC_API_TOKEN>},
 * compared in constant time; a refusal is a bare 401. Responses never hold secrets.
 */
public final class ManagementApi extends RouteBuilder {

    /**
     * How answers are written (camel-jackson marshals every handler's answer): ISO dates, and every
     * text value passed through {@link io.azsync.config.Secrets#redact} — the last gate: whatever a
     * handler put in, no configured secret leaves in an answer.
     */
    private static final ObjectMapper ANSWERS = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("azsync-redaction")
                    .addSerializer(String.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<String>(String.class) {
                        @Override
                        public void serialize(String value, com.fasterxml.jackson.core.JsonGenerator gen,
                                              com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                            gen.writeString(io.azsync.config.Secrets.redact(value));
                        }
                    }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The body of {@code POST /api/connectors/{name}/sync}: which streams (default: all enabled) and whether in full. */
    record SyncRequest(List<String> streams, Boolean full) {
    }

    /** An answer with a status; thrown by handlers, turned into JSON by the route. */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /**
     * Request bodies are read strictly (camel-jackson unmarshals them): trailing text, duplicate
     * keys, unknown fields and values of the wrong type ("yes" for a boolean, 1 for a name) are
     * errors, not ignored or coerced.
     */
    private static final ObjectMapper STRICT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Textual, c -> c
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
            .build();

    private final org.apache.camel.component.jackson.JacksonDataFormat answers = new org.apache.camel.component.jackson.JacksonDataFormat(ANSWERS, Object.class);
    private final org.apache.camel.component.jackson.JacksonDataFormat syncRequests
            = new org.apache.camel.component.jackson.JacksonDataFormat(STRICT, SyncRequest.class);

    /** How long /api/health may take in all, even when the database hangs. */
    static final java.time.Duration HEALTH_TIME_BOX = java.time.Duration.ofMillis(800);

    private final AzsyncRuntime runtime;
    private final Map<String, ConnectorService> services;
    private final RequestGuard guard;
    private final ExecutorService syncs;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ExecutorService healthChecks;
    private final Reloader reloader;

    private final ConnectorAdministration administration;
    private final java.util.Set<String> metered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ManagementApi(AzsyncRuntime runtime, Map<String, ConnectorService> services, Reloader reloader,
                  java.util.function.Supplier<ServiceMode> mode) {
        this.runtime = runtime;
        this.services = services;
        this.reloader = reloader;
        this.administration = new ConnectorAdministration(runtime, mode);
        this.guard = new RequestGuard(runtime.settings().get(Settings.API_TOKEN));
        this.syncs = runtime.camel().getExecutorServiceManager().newCachedThreadPool(this, "azsync-api-sync");
        this.healthChecks = runtime.camel().getExecutorServiceManager().newCachedThreadPool(this, "azsync-health");
        services.values().forEach(this::meter);
    }

    /** Gauges of a connector, read through the service map (a connector replaced over the API is measured as it is now). */
    void meter(ConnectorService first) {
        String name = first.connector().name();
        if (!metered.add(name)) {
            return;
        }
        java.util.function.Function<java.util.function.ToDoubleFunction<ConnectorService>, java.util.function.Supplier<Number>> of
                = f -> () -> {
                    ConnectorService now = services.get(name);
                    return now == null ? Double.NaN : f.applyAsDouble(now);
                };
        Gauge.builder("azsync_connector_consecutive_failures", of.apply(ConnectorService::consecutiveFailures)).tag("connector", name)
                .description("Syncs in a row that had a failed stream").register(metrics);
        Gauge.builder("azsync_connector_running", of.apply(x -> x.isRunning() ? 1 : 0)).tag("connector", name)
                .description("1 while a sync of the connector runs").register(metrics);
        Gauge.builder("azsync_connector_last_records_read", of.apply(x -> x.lastResults().stream().mapToLong(r -> r.recordsRead()).sum()))
                .tag("connector", name).description("Records read by the last sync").register(metrics);
        Gauge.builder("azsync_connector_last_records_written", of.apply(x -> x.lastResults().stream().mapToLong(r -> r.recordsWritten()).sum()))
                .tag("connector", name).description("Rows written by the last sync").register(metrics);
        Gauge.builder("azsync_connector_last_records_rejected", of.apply(x -> x.lastResults().stream().mapToLong(r -> r.recordsRejected()).sum()))
                .tag("connector", name).description("Records rejected by the last sync").register(metrics);
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);

        onException(ApiError.class).handled(true).process(e -> {
            ApiError error = e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiError.class);
            reply(e, error.status, Map.of("error", error.getMessage()));
        }).marshal(answers);
        onException(ConnectorAdministration.Refused.class).handled(true).process(e -> {
            ConnectorAdministration.Refused refused = e.getProperty(Exchange.EXCEPTION_CAUGHT, ConnectorAdministration.Refused.class);
            reply(e, refused.status, Map.of("error", refused.getMessage()));
        }).marshal(answers);
        onException(io.azsync.registry.ConnectorDefinition.InvalidDefinitionException.class).handled(true).process(e -> {
            var invalid = e.getProperty(Exchange.EXCEPTION_CAUGHT, io.azsync.registry.ConnectorDefinition.InvalidDefinitionException.class);
            reply(e, 400, Map.of("error", "the connector is not valid: " + invalid.problems().size() + " problem(s)",
                    "problems", invalid.problems()));
        }).marshal(answers);
        onException(JsonProcessingException.class).handled(true)
                .process(e -> reply(e, 400, Map.of("error", badRequestBody(e.getProperty(Exchange.EXCEPTION_CAUGHT, JsonProcessingException.class)))))
                .marshal(answers);
        onException(ConnectorService.AlreadyRunningException.class).handled(true)
                .process(e -> reply(e, 409, Map.of("error", e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage())))
                .marshal(answers);
        onException(IllegalArgumentException.class).handled(true)
                .process(e -> reply(e, 400, Map.of("error", e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage())))
                .marshal(answers);
        onException(Exception.class).handled(true)
                .process(e -> reply(e, 500, Map.of("error", io.azsync.run.Failures.message(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))))
                .marshal(answers);

        rest("/api").id("azsync-api")
                .get("/health").id("api-health").to("direct:api-health")
                .get("/connectors").id("api-connectors").to("direct:api-connectors")
                .post("/connectors").id("api-create").to("direct:api-create")
                .post("/connector-tests").id("api-test-unsaved").to("direct:api-test-unsaved")
                .get("/summary").id("api-summary").to("direct:api-summary")
                .get("/connectors/{name}").id("api-connector").to("direct:api-connector")
                .put("/connectors/{name}").id("api-replace").to("direct:api-replace")
                .patch("/connectors/{name}").id("api-patch").to("direct:api-patch")
                .delete("/connectors/{name}").id("api-delete").to("direct:api-delete")
                .post("/connectors/{name}/test").id("api-test").to("direct:api-test")
                .post("/connectors/{name}/sync").id("api-sync").to("direct:api-sync")
                .get("/connectors/{name}/runs").id("api-runs").to("direct:api-runs")
                .post("/reload").id("api-reload").to("direct:api-reload")
                .get("/openapi.json").id("api-openapi").to("direct:api-openapi");
        rest("/metrics").get().id("api-metrics").to("direct:api-metrics");

        from("direct:api-health").routeId("api-health-handler").process(this::health).marshal(answers);
        from("direct:api-connectors").routeId("api-connectors-handler").process(this::authorize)
                .process(e -> reply(e, 200, services.values().stream().map(this::describe).toList())).marshal(answers);
        from("direct:api-connector").routeId("api-connector-handler").process(this::authorize)
                .process(e -> reply(e, 200, describe(service(e)))).marshal(answers);
        from("direct:api-create").routeId("api-create-handler").process(this::authorize).process(e -> {
            ConnectorService created = administration.create(body(e), STARTED_BY);
            meter(created);
            reply(e, 201, describe(created));
        }).marshal(answers);
        from("direct:api-test-unsaved").routeId("api-test-unsaved-handler").process(this::authorize).process(e -> {
            List<ProbeResult> results = administration.testUnsaved(body(e), STARTED_BY);
            reply(e, 200, Map.of("ok", results.stream().allMatch(ProbeResult::ok), "checks", results));
        }).marshal(answers);
        from("direct:api-summary").routeId("api-summary-handler").process(this::authorize).process(this::summary).marshal(answers);
        from("direct:api-replace").routeId("api-replace-handler").process(this::authorize).process(e -> {
            ConnectorService changed = administration.replace(name(e), body(e), STARTED_BY);
            reply(e, 200, describe(changed));
        }).marshal(answers);
        from("direct:api-patch").routeId("api-patch-handler").process(this::authorize).process(e -> {
            ConnectorService changed = administration.patch(name(e), body(e), STARTED_BY);
            reply(e, 200, describe(changed));
        }).marshal(answers);
        from("direct:api-delete").routeId("api-delete-handler").process(this::authorize).process(e -> {
            String name = name(e);
            administration.delete(name, STARTED_BY);
            reply(e, 200, Map.of("deleted", name, "rows", "kept: every table's rows of connector '" + name + "' stay; see the README "
                    + "(Connectors managed over the API) to purge them"));
        }).marshal(answers);
        from("direct:api-test").routeId("api-test-handler").process(this::authorize).process(this::test).marshal(answers);
        from("direct:api-sync").routeId("api-sync-handler").process(this::authorize)
                .process(ManagementApi::emptyBodyIsAnEmptyRequest).unmarshal(syncRequests)
                .process(this::sync).marshal(answers);
        from("direct:api-runs").routeId("api-runs-handler").process(this::authorize).process(this::runs).marshal(answers);
        from("direct:api-reload").routeId("api-reload-handler").process(this::authorize).process(this::reload).marshal(answers);
        from("direct:api-openapi").routeId("api-openapi-handler").process(this::authorize).process(this::openApi);
        from("direct:api-metrics").routeId("api-metrics-handler").process(this::authorize).process(e -> {
            e.getMessage().removeHeaders("*");
            e.getMessage().setBody(metrics.scrape());
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        });
    }

    /** The first check of every request, made by the HTTP server before any body is read. */
    RequestGuard guard() {
        return guard;
    }

    /**
     * Bearer token check in constant time (again, behind the server's {@link RequestGuard}, which
     * already refused tokens in the URL); a refusal carries no detail.
     */
    private void authorize(Exchange e) {
        if (!guard.authorized(e.getMessage().getHeader("Authorization", String.class))) {
            throw new ApiError(401, "unauthorized");
        }
    }

    private ConnectorService service(Exchange e) {
        String name = e.getMessage().getHeader("name", String.class);
        ConnectorService s = services.get(name);
        if (s == null) {
            throw new ApiError(404, "unknown connector '" + name + "' (connectors: " + String.join(", ", services.keySet()) + ")");
        }
        return s;
    }

    /** A connector's configuration without secrets, its state and its last run per stream. */
    private Map<String, Object> describe(ConnectorService s) {
        ConnectorConfig c = s.connector().config();
        Settings cs = c.settings();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("description", c.description());
        out.put("enabled", c.enabled());
        out.put("state", s.state().label());
        out.put("managedBy", runtime.isManaged(c.name()) ? "api" : "file");
        out.put("activated", runtime.isActivated(c.name()));
        out.put("tenantId", cs.get(Settings.AZURE_TENANT_ID));
        out.put("clientId", cs.get(Settings.AZURE_CLIENT_ID));
        out.put("credential", io.azsync.auth.CredentialFactory.describe(cs));
        out.put("cloud", cs.get(Settings.CLOUD));
        out.put("streams", runtime.enabledStreams(s.connector()));
        out.put("subscriptions", Map.of("include", cs.list(Settings.SUBSCRIPTIONS), "exclude", c.excludedSubscriptions()));
        Map<String, String> schedules = new LinkedHashMap<>();
        runtime.enabledStreams(s.connector()).stream().map(ConnectorConfig::groupOf).distinct()
                .forEach(g -> schedules.put(g, c.scheduleOf(g).describe()));
        out.put("schedules", schedules);
        out.put("nextFireTime", s.nextFireTime());
        out.put("consecutiveFailures", s.consecutiveFailures());
        out.put("lastError", s.lastError());
        Map<String, Object> lastRuns = new LinkedHashMap<>();
        for (RunRecord r : runtime.ledger().recent(200, c.name(), null)) {
            lastRuns.putIfAbsent(r.stream(), run(r));
        }
        out.put("lastRuns", lastRuns);
        return out;
    }

    private static Map<String, Object> run(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("stream", r.stream());
        m.put("action", "synced");
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("startedBy", r.trigger());
        m.put("state", r.state());
        m.put("pages", r.pages());
        m.put("recordsRead", r.recordsRead());
        m.put("recordsWritten", r.recordsWritten());
        m.put("recordsUnchanged", r.recordsUnchanged());
        m.put("recordsRejected", r.recordsRejected());
        m.put("recordsDeleted", r.recordsDeleted());
        m.put("error", r.error());
        return m;
    }

    /** Who a change is recorded as made by: the API's one token names no person. */
    static final String STARTED_BY = "api";

    private static String name(Exchange e) {
        return e.getMessage().getHeader("name", String.class);
    }

    /** A request body as JSON, read strictly (one object, no duplicate keys, nothing after it). */
    private static JsonNode body(Exchange e) throws IOException {
        String text = e.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw new ApiError(400, "send the connector as a JSON object (Content-Type: application/json)");
        }
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException ex) {
            // only where: Jackson's own message quotes the offending text, which may be part of a secret
            com.fasterxml.jackson.core.JsonLocation at = ex.getLocation();
            throw new ApiError(400, "the body is not one valid JSON object" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": send the connector as JSON, each key once, nothing after it");
        }
    }

    private void test(Exchange e) throws Exception {
        ConnectorService s = service(e);
        java.time.Instant start = java.time.Instant.now();
        List<ProbeResult> results = new ConnectionTester(runtime, s.connector()).run(runtime.enabledStreams(s.connector()));
        boolean ok = results.stream().allMatch(ProbeResult::ok);
        administration.tested(s.connector().name(), ok, ok ? results.size() + " check(s) passed" : results.stream().filter(r -> !r.ok())
                .map(ProbeResult::line).collect(java.util.stream.Collectors.joining("; ")), start, STARTED_BY);
        reply(e, 200, Map.of("connector", s.connector().name(), "ok", ok, "checks", results));
    }

    /** No body (or only whitespace) asks for every enabled stream: the same as {}. */
    private static void emptyBodyIsAnEmptyRequest(Exchange e) {
        String body = e.getMessage().getBody(String.class);
        e.getMessage().setBody(body == null || body.isBlank() ? "{}" : body);
    }

    /** What was wrong with a request body, in the words of the API (camel-jackson's exception names the field). */
    static String badRequestBody(JsonProcessingException ex) {
        if (ex instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "': the body takes streams (a list of stream names) and full "
                    + "(true or false)";
        }
        if (ex instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().get(0).getFieldName();
            if ("full".equals(field)) {
                return "full must be true or false (a JSON boolean)";
            }
            if ("streams".equals(field)) {
                return "streams must be a list of stream names (strings)";
            }
        }
        return "the body is not one JSON object (" + ex.getOriginalMessage() + "): send {} or {\"streams\": [...], \"full\": true}";
    }

    private void sync(Exchange e) {
        ConnectorService s = service(e);
        SyncRequest request = e.getMessage().getBody(SyncRequest.class);
        List<String> streams = request == null || request.streams() == null ? null
                : new ArrayList<>(new java.util.LinkedHashSet<>(request.streams()));
        if (streams != null && streams.contains(null)) {
            throw new ApiError(400, "streams must be a list of stream names (strings); null is not one");
        }
        boolean full = request != null && Boolean.TRUE.equals(request.full());
        if (!runtime.isActivated(s.connector().name())) {
            throw new ApiError(409, "connector " + s.connector().name() + " has not passed a test yet: POST /api/connectors/"
                    + s.connector().name() + "/test first (or create it with \"activate\": \"without-test\")");
        }
        List<StreamRun> runs = s.start(streams, full, Trigger.API, syncs);
        reply(e, 202, Map.of("connector", s.connector().name(), "runIds", runs.stream().map(StreamRun::runId).toList(),
                "runs", "/api/connectors/" + s.connector().name() + "/runs"));
    }

    private void runs(Exchange e) {
        ConnectorService s = service(e);
        int limit;
        try {
            limit = Integer.parseInt(e.getMessage().getHeader("limit", "20", String.class));
        } catch (NumberFormatException ex) {
            throw new ApiError(400, "limit must be a whole number");
        }
        if (limit < 1 || limit > 1000) {
            throw new ApiError(400, "limit must be between 1 and 1000");
        }
        reply(e, 200, administration.history(s.connector().name(), limit,
                runtime.ledger().recent(limit, s.connector().name(), null).stream().map(ManagementApi::run).toList()));
    }

    /**
     * What the data says, for the console: open findings by severity, the 10 riskiest assets, and
     * per stream the duration of its last finished runs (oldest first).
     */
    private void summary(Exchange e) {
        io.azsync.model.DataSummary data = new io.azsync.model.DataSummary(runtime.database());
        Map<String, List<Map<String, Object>>> durations = new java.util.TreeMap<>();
        List<RunRecord> recent = new ArrayList<>(runtime.ledger().recent(500, null, null));
        java.util.Collections.reverse(recent);
        for (RunRecord r : recent) {
            if (r.finishedAt() == null || r.startedAt() == null) {
                continue;
            }
            List<Map<String, Object>> runs = durations.computeIfAbsent(r.stream(), k -> new ArrayList<>());
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("runId", r.runId());
            run.put("connector", r.connector());
            run.put("startedAt", r.startedAt());
            run.put("seconds", java.time.Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0);
            run.put("state", r.state());
            runs.add(run);
            if (runs.size() > 10) {
                runs.remove(0);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("openFindingsBySeverity", data.openFindingsBySeverity());
        body.put("riskiestAssets", data.riskiestAssets(10));
        body.put("streamDurations", durations);
        reply(e, 200, body);
    }

    private void reload(Exchange e) {
        Reloader.Result result = reloader.reload(services.values());
        reply(e, result.ok() ? 200 : 400, result.ok() ? Map.of("reloaded", true, "streams", result.streams())
                : Map.of("reloaded", false, "problems", result.problems()));
    }

    /**
     * Health for probes: without the token only {@code {"status": "UP"|"DOWN"}} (nothing internal:
     * no URLs, pool figures, route ids or connector names); with it, every check. The checks run
     * time-boxed (800 ms in all), so the answer comes within a second even when the database
     * hangs: a check that has not answered counts as DOWN.
     */
    private void health(Exchange e) {
        boolean detailed = guard.authorized(e.getMessage().getHeader("Authorization", String.class));
        org.apache.camel.health.HealthCheckRegistry registry = org.apache.camel.health.HealthCheckRegistry.get(runtime.camel());
        List<HealthCheck> checks = registry == null ? List.of()
                : registry.stream().filter(o -> o instanceof HealthCheck).map(o -> (HealthCheck) o).filter(HealthCheck::isEnabled).toList();
        Map<String, java.util.concurrent.Future<HealthCheck.Result>> running = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            running.put(check.getGroup() == null ? check.getId() : check.getGroup() + ":" + check.getId(), healthChecks.submit((java.util.concurrent.Callable<HealthCheck.Result>) check::call));
        }
        long deadline = System.nanoTime() + HEALTH_TIME_BOX.toNanos();
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, java.util.concurrent.Future<HealthCheck.Result>> entry : running.entrySet()) {
            Map<String, Object> check = new LinkedHashMap<>();
            try {
                HealthCheck.Result r = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                check.put("state", r.getState().name());
                r.getMessage().ifPresent(m -> check.put("message", m));
                up &= r.getState() != HealthCheck.State.DOWN;
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
                entry.getValue().cancel(true);
                check.put("state", HealthCheck.State.DOWN.name());
                check.put("message", "did not answer within " + HEALTH_TIME_BOX.toMillis() + " ms");
                up = false;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                up = false;
            }
            details.put(entry.getKey(), check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        if (detailed) {
            body.put("checks", details);
        }
        reply(e, up ? 200 : 503, body);
    }

    private void openApi(Exchange e) throws IOException {
        e.getMessage().removeHeaders("*");
        try (InputStream in = ManagementApi.class.getResourceAsStream("/openapi.json")) {
            e.getMessage().setBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    /** The answer a handler gives: camel-jackson writes {@code body} as JSON after the handler (see {@link #ANSWERS}). */
    static void reply(Exchange e, int status, Object body) {
        e.getMessage().setBody(body);
        // request headers would be copied to the response: drop them all (Authorization included)
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }

    void close() {
        runtime.camel().getExecutorServiceManager().shutdown(syncs);
        runtime.camel().getExecutorServiceManager().shutdownNow(healthChecks);
    }
}
