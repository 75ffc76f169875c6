package io.azsync.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.config.SecretBox;
import io.azsync.registry.ConnectorDefinition;
import io.azsync.registry.ConnectorRegistry;

/**
 * What the REST API does to connectors besides syncing them: create, replace, change, delete and
 * activate the ones it manages (kept in the database, credentials sealed), and the audit of all
 * of it in the history. Connectors of the connectors file or the environment are read-only here.
 */
final class ConnectorAdministration {

    /** Refused with an HTTP status and a message that names the cause and the fix. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final AzsyncRuntime runtime;
    private final Supplier<ServiceMode> mode;

    ConnectorAdministration(AzsyncRuntime runtime, Supplier<ServiceMode> mode) {
        this.runtime = runtime;
        this.mode = mode;
    }

    /** The running service; null only while it starts (the API is up a moment before it). */
    private ServiceMode mode() {
        ServiceMode m = mode.get();
        if (m == null) {
            throw new Refused(503, "the service is starting: try again in a moment");
        }
        return m;
    }

    private ConnectorRegistry registry() {
        return runtime.registry();
    }

    private SecretBox box() {
        return runtime.secretBox().orElseThrow(() -> new Refused(400, "azsync keeps the credentials of connectors created over the API "
                + "encrypted, and no key is set: start it with AZSYNC_SECRET_KEY (or AZSYNC_SECRET_KEY_FILE) holding 32 random bytes in "
                + "base64 (openssl rand -base64 32)"));
    }

    /** POST /api/connectors: stores the connector (state Registered, or scheduled at once with "activate": "without-test"). */
    ConnectorService create(JsonNode body, String by) throws Exception {
        ConnectorDefinition definition = ConnectorDefinition.parse(body, null, true, runtime.allStreams());
        SecretBox box = box();
        if (runtime.connectors().containsKey(definition.name())) {
            throw new Refused(409, "connector " + definition.name() + " exists" + (runtime.isManaged(definition.name()) ? ""
                    : " (from " + runtime.settings().get(io.azsync.config.Settings.CONNECTORS_FILE) + " or the environment)")
                    + ": choose another name, or change it with PUT /api/connectors/" + definition.name());
        }
        boolean withoutTest = ConnectorDefinition.activateWithoutTest(body);
        Instant start = Instant.now();
        checkOverlap(definition, definition.credential());
        if (!registry().create(definition, box, withoutTest, by)) {
            throw new Refused(409, "connector " + definition.name() + " exists: choose another name");
        }
        ConnectorService service = applied(definition.name());
        record(definition.name(), "created", start, by, "succeeded", withoutTest ? "activated without a test (\"activate\": "
                + "\"without-test\")" : "registered: schedules start after a passing POST /api/connectors/" + definition.name() + "/test");
        return service;
    }

    /** PUT /api/connectors/{name}: replaces the definition; without a credential the stored one stays. */
    ConnectorService replace(String name, JsonNode body, String by) throws Exception {
        ConnectorRegistry.Stored stored = managed(name);
        ConnectorDefinition definition = ConnectorDefinition.parse(body, name, false, runtime.allStreams());
        return save(stored, definition, ConnectorDefinition.activateWithoutTest(body), "updated", by);
    }

    /** PATCH /api/connectors/{name}: {@code enabled} and {@code schedules} only. */
    ConnectorService patch(String name, JsonNode body, String by) throws Exception {
        ConnectorRegistry.Stored stored = managed(name);
        if (body == null || !body.isObject()) {
            throw new ConnectorDefinition.InvalidDefinitionException(List.of(new ConnectorDefinition.FieldProblem("(body)",
                    "send a JSON object with enabled and/or schedules")));
        }
        List<ConnectorDefinition.FieldProblem> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("enabled") && !f.equals("schedules")) {
                problems.add(new ConnectorDefinition.FieldProblem(f, "PATCH changes enabled and schedules only; use PUT for the rest"));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConnectorDefinition.InvalidDefinitionException(problems);
        }
        ObjectNode merged = stored.definition().stored();
        body.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
        ConnectorDefinition definition = ConnectorDefinition.parse(merged, name, false, runtime.allStreams());
        String action = body.has("enabled") && body.size() == 1 ? (body.get("enabled").asBoolean() ? "enabled" : "disabled") : "updated";
        return save(stored, definition, false, action, by);
    }

    private ConnectorService save(ConnectorRegistry.Stored stored, ConnectorDefinition definition, boolean withoutTest, String action,
                                  String by) throws Exception {
        String name = definition.name();
        ConnectorService current = mode().services().get(name);
        if (current != null && current.isRunning()) {
            throw new Refused(409, "connector " + name + " is syncing: change it when the sync has finished");
        }
        Instant start = Instant.now();
        // a stored secret is only ever sent where it was entered for: a new tenant, application, cloud or endpoint needs it
        // entered again, and the connector passes a test again before it is scheduled
        boolean destinationChanged = !definition.credentialBinding().equals(stored.definition().credentialBinding());
        if (destinationChanged && definition.credential() == null) {
            throw new ConnectorDefinition.InvalidDefinitionException(List.of(new ConnectorDefinition.FieldProblem("clientSecret",
                    "tenantId, clientId, cloud or endpoints changed: send the client secret (or certificate) again; a stored credential "
                    + "is never sent anywhere else than where it was entered for")));
        }
        ConnectorDefinition.Credential credential = definition.credential() != null ? definition.credential() : stored.credential();
        checkOverlap(definition, credential);
        registry().replace(definition, box(), withoutTest ? Boolean.TRUE : destinationChanged ? Boolean.FALSE : null, by);
        ConnectorService service = applied(name);
        record(name, action, start, by, "succeeded", (definition.credential() != null ? "credential replaced" : "credential kept")
                + (destinationChanged && !withoutTest ? "; tenant, application or endpoints changed: scheduled again after a passing test" : ""));
        return service;
    }

    /** DELETE /api/connectors/{name}: no longer scheduled, definition and credential removed; its rows stay. */
    void delete(String name, String by) throws Exception {
        managed(name);
        ConnectorService current = mode().services().get(name);
        if (current != null && current.isRunning()) {
            throw new Refused(409, "connector " + name + " is syncing: delete it when the sync has finished");
        }
        Instant start = Instant.now();
        registry().delete(name);
        mode().applyRegistry();
        record(name, "deleted", start, by, "succeeded", "rows kept (connector = '" + name + "'); connector_states says Removed");
    }

    /**
     * POST /api/connector-tests: the test-connection probes of a connector that is not stored (the
     * console's Add form tests before it saves); nothing is kept but the history line.
     */
    List<ProbeResult> testUnsaved(JsonNode body, String by) {
        ConnectorDefinition definition = ConnectorDefinition.parse(body, null, true, runtime.allStreams());
        ConnectorContext connector = ConnectorContext.of(definition.toConfig(runtime.settings(), definition.credential()));
        Instant start = Instant.now();
        List<ProbeResult> results = new ConnectionTester(runtime, connector).run(runtime.enabledStreams(connector));
        boolean ok = results.stream().allMatch(ProbeResult::ok);
        record(definition.name(), "tested", start, by, ok ? "succeeded" : "failed", (ok ? results.size() + " check(s) passed"
                : results.stream().filter(r -> !r.ok()).map(ProbeResult::line).collect(java.util.stream.Collectors.joining("; ")))
                + " (before it was saved)");
        return results;
    }

    /** After POST …/test: recorded; an API-managed connector that passed for the first time is scheduled. */
    void tested(String name, boolean ok, String detail, Instant start, String by) throws Exception {
        record(name, "tested", start, by, ok ? "succeeded" : "failed", detail);
        if (ok && runtime.isManaged(name) && !runtime.isActivated(name)) {
            registry().activate(name);
            mode().applyRegistry();
            record(name, "activated", Instant.now(), by, "succeeded", "scheduled after a passing test");
        }
    }

    /** The integration history: sync runs and the other actions, newest first. */
    List<Map<String, Object>> history(String name, int limit, List<Map<String, Object>> runs) {
        List<Map<String, Object>> all = new ArrayList<>(runs);
        for (ConnectorRegistry.Event e : registry().events(name, limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", e.action());
            m.put("startedAt", e.startedAt());
            m.put("finishedAt", e.finishedAt());
            m.put("startedBy", e.startedBy());
            m.put("state", e.status());
            m.put("error", "failed".equals(e.status()) ? e.detail() : null);
            m.put("detail", e.detail());
            all.add(m);
        }
        all.sort(Comparator.comparing((Map<String, Object> m) -> (Instant) m.get("startedAt"), Comparator.nullsLast(Comparator.naturalOrder()))
                .reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** Applies what the database now holds (as a change from another node would be) and returns the connector's service. */
    private ConnectorService applied(String name) throws Exception {
        mode().applyRegistry();
        ConnectorService service = mode().services().get(name);
        if (service == null) {
            throw new IllegalStateException("connector " + name + " was stored but is not running: see the log");
        }
        return service;
    }

    private ConnectorRegistry.Stored managed(String name) {
        if (!runtime.connectors().containsKey(name)) {
            throw new Refused(404, "unknown connector '" + name + "'");
        }
        if (!runtime.isManaged(name)) {
            throw new Refused(409, "connector " + name + " comes from " + runtime.settings().get(io.azsync.config.Settings.CONNECTORS_FILE)
                    + " or the environment and is read-only over the API: change it there (and POST /api/reload or restart)");
        }
        return registry().find(name, box(), runtime.allStreams())
                .orElseThrow(() -> new Refused(404, "connector " + name + " is no longer stored (deleted by another node?)"));
    }

    /** Refuses a connector that would share rows with another connector (as the file's are at start). */
    private void checkOverlap(ConnectorDefinition definition, ConnectorDefinition.Credential credential) {
        io.azsync.config.ConnectorConfig config = definition.toConfig(runtime.settings(), credential);
        List<io.azsync.config.ConnectorConfig> all = new ArrayList<>(runtime.connectors().values().stream().map(ConnectorContext::config)
                .filter(c -> !c.name().equals(config.name())).toList());
        all.add(config);
        List<io.azsync.config.Problem> overlaps = io.azsync.config.ConnectorOverlap.check(all, runtime.allStreams(), stream -> {
            io.azsync.transform.TransformMap map = runtime.maps().get(stream);
            return map != null && map.scopeColumn() != null;
        }, "connector " + config.name());
        if (!overlaps.isEmpty()) {
            throw new Refused(409, overlaps.stream().map(io.azsync.config.Problem::message).collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    private void record(String name, String action, Instant start, String by, String status, String detail) {
        registry().record(new ConnectorRegistry.Event(name, action, start, Instant.now(), by, status, detail));
    }
}
