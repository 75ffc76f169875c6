package io.azsync.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.config.ConnectorConfig;
import io.azsync.config.ConnectorsFile;
import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Schedule;
import io.azsync.config.Setting;
import io.azsync.config.Settings;

/**
 * A connector as the REST API takes it (JSON), checked field by field: every problem is reported
 * with the field it is about, not only the first. The definition kept in the database is the same
 * JSON without its credential ({@link #stored()}); the credential is kept apart, sealed.
 */
public record ConnectorDefinition(String name, ObjectNode definition, Credential credential) {

    /** The secret part of a connector: a client secret or a PEM certificate (with its private key). */
    public record Credential(String clientSecret, String certificate) {
        static final ObjectMapper JSON = new ObjectMapper();

        /** The credential as one text, to be sealed. */
        public String toText() {
            ObjectNode n = JSON.createObjectNode();
            if (clientSecret != null) {
                n.put("clientSecret", clientSecret);
            }
            if (certificate != null) {
                n.put("certificate", certificate);
            }
            return n.toString();
        }

        public static Credential fromText(String text) {
            try {
                JsonNode n = JSON.readTree(text);
                return new Credential(n.hasNonNull("clientSecret") ? n.get("clientSecret").asText() : null,
                        n.hasNonNull("certificate") ? n.get("certificate").asText() : null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a stored credential is not readable: enter it again");
            }
        }

        @Override
        public String toString() {
            return clientSecret != null ? "client secret (hidden)" : "client certificate (hidden)";
        }
    }

    /** A field and what is wrong with it. */
    public record FieldProblem(String field, String problem) {
    }

    /** The request did not describe a valid connector: every problem, by field. */
    public static final class InvalidDefinitionException extends RuntimeException {
        private final List<FieldProblem> problems;

        public InvalidDefinitionException(List<FieldProblem> problems) {
            super(problems.size() + " problem(s): " + problems.stream().map(p -> p.field() + ": " + p.problem()).toList(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    private static final Set<String> FIELDS = Set.of("name", "description", "tenantId", "clientId", "clientSecret", "certificate", "cloud",
            "endpoints", "streams", "scope", "schedules", "enabled", "activate");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String DOMAIN = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+";

    /**
     * Reads and checks a definition.
     *
     * @param body           the JSON the client sent
     * @param pathName       the name in the URL (PUT), or null (POST: the body names it)
     * @param secretRequired false when a stored credential may be kept (PUT without one)
     * @param streams        the stream names this azsync knows
     */
    public static ConnectorDefinition parse(JsonNode body, String pathName, boolean secretRequired, List<String> streams) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidDefinitionException(List.of(new FieldProblem("(body)", "send one JSON object describing the connector")));
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                problems.add(new FieldProblem(f, "unknown field (expected one of: " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")"));
            }
        }
        String name = text(body, "name", problems);
        if (pathName != null && name != null && !name.equals(pathName)) {
            problems.add(new FieldProblem("name", "'" + name + "' differs from the connector in the URL ('" + pathName + "'); a connector "
                    + "cannot be renamed: create the new one and delete the old one"));
        }
        name = name == null ? pathName : name;
        if (name == null) {
            problems.add(new FieldProblem("name", "required: lower-case letters, digits, - and _ (e.g. contoso-prod)"));
        } else if (!name.matches(ConnectorsFile.NAME_PATTERN)) {
            problems.add(new FieldProblem("name", "'" + name + "' must be lower-case letters, digits, - and _, at most 63 characters"));
        }
        text(body, "description", problems);
        String tenant = text(body, "tenantId", problems);
        if (tenant == null) {
            problems.add(new FieldProblem("tenantId", "required: the directory (tenant) id, a GUID"));
        } else if (!tenant.matches(GUID) && !tenant.matches(DOMAIN)) {
            problems.add(new FieldProblem("tenantId", "'" + tenant + "' is neither a GUID nor a domain name"));
        }
        String client = text(body, "clientId", problems);
        if (client == null) {
            problems.add(new FieldProblem("clientId", "required: the application (client) id, a GUID"));
        } else if (!client.matches(GUID)) {
            problems.add(new FieldProblem("clientId", "'" + client + "' is not a GUID"));
        }
        String secret = text(body, "clientSecret", problems);
        String certificate = text(body, "certificate", problems);
        if (secret != null && certificate != null) {
            problems.add(new FieldProblem("clientSecret", "give clientSecret or certificate, not both"));
        } else if (secret == null && certificate == null && secretRequired) {
            problems.add(new FieldProblem("clientSecret", "required: the client secret's value (or certificate: PEM text with the private key)"));
        } else if (secret != null && secret.isBlank()) {
            problems.add(new FieldProblem("clientSecret", "is empty"));
        } else if (certificate != null && !(certificate.contains("-----BEGIN CERTIFICATE-----") && certificate.contains("PRIVATE KEY-----"))) {
            problems.add(new FieldProblem("certificate", "must be PEM text holding the certificate block and the private key block "
                    + "of the application's certificate, as exported with its key"));
        }
        String cloud = text(body, "cloud", problems);
        JsonNode endpoints = object(body, "endpoints", Set.of("authority", "arm", "graph"), problems);
        for (String e : List.of("authority", "arm", "graph")) {
            String url = text(endpoints, e, "endpoints." + e, problems);
            if (url != null && !url.startsWith("https://")) {
                problems.add(new FieldProblem("endpoints." + e, "must be an https:// URL"));
            }
        }
        List<String> enabledStreams = strings(body, "streams", "streams", problems);
        for (int i = 0; i < enabledStreams.size(); i++) {
            if (!streams.contains(enabledStreams.get(i))) {
                problems.add(new FieldProblem("streams[" + i + "]", "unknown stream '" + enabledStreams.get(i) + "' (streams: "
                        + String.join(", ", streams) + ")"));
            }
        }
        JsonNode scope = object(body, "scope", Set.of("subscriptions", "managementGroups", "autoIncludeNewSubscriptions",
                "disableDeletedSubscriptions"), problems);
        JsonNode subs = object(scope, "subscriptions", "scope.subscriptions", Set.of("include", "exclude"), problems);
        for (String side : List.of("include", "exclude")) {
            List<String> ids = strings(subs, side, "scope.subscriptions." + side, problems);
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).matches(GUID)) {
                    problems.add(new FieldProblem("scope.subscriptions." + side + "[" + i + "]", "'" + ids.get(i) + "' is not a subscription id (a GUID)"));
                }
            }
        }
        JsonNode groups = object(scope, "managementGroups", "scope.managementGroups", Set.of("include", "exclude"), problems);
        strings(groups, "include", "scope.managementGroups.include", problems);
        strings(groups, "exclude", "scope.managementGroups.exclude", problems);
        bool(scope, "autoIncludeNewSubscriptions", "scope.autoIncludeNewSubscriptions", problems);
        bool(scope, "disableDeletedSubscriptions", "scope.disableDeletedSubscriptions", problems);
        JsonNode schedules = body.get("schedules");
        if (schedules != null && !schedules.isNull()) {
            if (!schedules.isObject()) {
                problems.add(new FieldProblem("schedules", "must be an object: {\"<group>\": {\"every\": \"PT4H\"}}"));
            } else {
                schedules.fields().forEachRemaining(g -> schedule(g.getKey(), g.getValue(), problems));
            }
        }
        bool(body, "enabled", "enabled", problems);
        String activate = text(body, "activate", problems);
        if (activate != null && !activate.equals("without-test")) {
            problems.add(new FieldProblem("activate", "the only value is \"without-test\" (schedule it without a passing test)"));
        }
        if (problems.isEmpty() && cloud != null) {
            try {
                io.azsync.config.Cloud.byName(cloud);
            } catch (IllegalArgumentException | InvalidConfigurationException e) {
                problems.add(new FieldProblem("cloud", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        ObjectNode stored = body.deepCopy();
        stored.remove(List.of("clientSecret", "certificate", "activate"));
        stored.put("name", name);
        return new ConnectorDefinition(name, stored, secret == null && certificate == null ? null : new Credential(secret, certificate));
    }

    /**
     * Where the credential goes: tenant, application, cloud and endpoints. The stored credential is
     * sealed bound to it, so it never opens for another destination (a definition edited in the
     * database, or changed without entering the credential again).
     */
    public String credentialBinding() {
        return definition.path("tenantId").asText() + "|" + definition.path("clientId").asText() + "|"
                + definition.path("cloud").asText("") + "|" + definition.path("endpoints").toString();
    }

    /** The definition without its credential: what is kept in clear and shown. */
    public ObjectNode stored() {
        return definition.deepCopy();
    }

    /** True when the request asked to schedule the connector without a passing test. */
    public static boolean activateWithoutTest(JsonNode body) {
        return body != null && "without-test".equals(body.path("activate").asText(null));
    }

    /** The connector at run time: the process settings with this definition and its credential laid over them. */
    public ConnectorConfig toConfig(Settings base, Credential credential) {
        ObjectNode d = definition;
        Map<Setting, String> overrides = new HashMap<>();
        overrides.put(Settings.CONNECTOR, name);
        overrides.put(Settings.AZURE_TENANT_ID, d.path("tenantId").asText());
        overrides.put(Settings.AZURE_CLIENT_ID, d.path("clientId").asText());
        // only this connector's credential: nothing of the process's own (AZURE_*) may stand in for it
        overrides.put(Settings.AZURE_CLIENT_SECRET, credential == null ? null : credential.clientSecret());
        overrides.put(Settings.AZURE_CLIENT_CERTIFICATE_PEM, credential == null ? null : credential.certificate());
        overrides.put(Settings.AZURE_CLIENT_CERTIFICATE_PATH, null);
        overrides.put(Settings.AZURE_CLIENT_CERTIFICATE_PASSWORD, null);
        overrides.put(Settings.AZURE_USERNAME, null);
        overrides.put(Settings.AZURE_PASSWORD, null);
        overrides.put(Settings.AZURE_FEDERATED_TOKEN_FILE, null);
        if (d.hasNonNull("cloud")) {
            overrides.put(Settings.CLOUD, d.get("cloud").asText());
        }
        JsonNode endpoints = d.path("endpoints");
        overrides.put(Settings.AZURE_AUTHORITY_HOST, endpoints.hasNonNull("authority") ? endpoints.get("authority").asText()
                : base.find(Settings.AZURE_AUTHORITY_HOST).orElse(null));
        overrides.put(Settings.ARM_ENDPOINT, endpoints.hasNonNull("arm") ? endpoints.get("arm").asText()
                : base.find(Settings.ARM_ENDPOINT).orElse(null));
        overrides.put(Settings.GRAPH_ENDPOINT, endpoints.hasNonNull("graph") ? endpoints.get("graph").asText()
                : base.find(Settings.GRAPH_ENDPOINT).orElse(null));
        JsonNode scope = d.path("scope");
        List<String> include = list(scope.path("subscriptions").path("include"));
        overrides.put(Settings.SUBSCRIPTIONS, include.isEmpty() ? null : String.join(",", include));
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        d.path("schedules").fields().forEachRemaining(g -> schedules.put(g.getKey(), Schedule.parse(g.getKey(),
                g.getValue().path("every").asText(null), g.getValue().path("cron").asText(null), g.getValue().path("once").asText(null))));
        Settings settings = base.with(overrides);
        return new ConnectorConfig(name, d.path("description").asText(null), !d.has("enabled") || d.get("enabled").asBoolean(),
                settings, list(d.path("streams")), list(scope.path("subscriptions").path("exclude")).stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).toList(), Map.copyOf(schedules),
                new ConnectorConfig.ScopeRules(lower(scope.path("managementGroups").path("include")),
                        lower(scope.path("managementGroups").path("exclude")),
                        !scope.has("autoIncludeNewSubscriptions") || scope.get("autoIncludeNewSubscriptions").asBoolean(),
                        !scope.has("disableDeletedSubscriptions") || scope.get("disableDeletedSubscriptions").asBoolean()));
    }

    // ---- field readers: each adds a problem naming the field when the value has the wrong shape

    private static String text(JsonNode parent, String field, List<FieldProblem> problems) {
        return text(parent, field, field, problems);
    }

    private static String text(JsonNode parent, String field, String path, List<FieldProblem> problems) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new FieldProblem(path, "must be a string"));
            return null;
        }
        return v.asText();
    }

    private static void bool(JsonNode parent, String field, String path, List<FieldProblem> problems) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v != null && !v.isNull() && !v.isBoolean()) {
            problems.add(new FieldProblem(path, "must be true or false"));
        }
    }

    private static JsonNode object(JsonNode parent, String field, Set<String> keys, List<FieldProblem> problems) {
        return object(parent, field, field, keys, problems);
    }

    private static JsonNode object(JsonNode parent, String field, String path, Set<String> keys, List<FieldProblem> problems) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            problems.add(new FieldProblem(path, "must be an object with " + String.join(", ", new java.util.TreeSet<>(keys))));
            return null;
        }
        v.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                problems.add(new FieldProblem(path + "." + k, "unknown field (expected one of: " + String.join(", ", new java.util.TreeSet<>(keys)) + ")"));
            }
        });
        return v;
    }

    private static List<String> strings(JsonNode parent, String field, String path, List<FieldProblem> problems) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(new FieldProblem(path, "must be a list of strings"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                problems.add(new FieldProblem(path + "[" + i + "]", "must be a string"));
            } else {
                out.add(v.get(i).asText());
            }
        }
        return out;
    }

    private static void schedule(String group, JsonNode value, List<FieldProblem> problems) {
        String path = "schedules." + group;
        if (!value.isObject()) {
            problems.add(new FieldProblem(path, "must be an object with one of every, cron, once"));
            return;
        }
        value.fieldNames().forEachRemaining(k -> {
            if (!Set.of("every", "cron", "once").contains(k)) {
                problems.add(new FieldProblem(path + "." + k, "unknown field (expected every, cron or once)"));
            }
        });
        try {
            Schedule.parse(group, value.path("every").asText(null), value.path("cron").asText(null), value.path("once").asText(null));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(path, e.getMessage()));
        }
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static List<String> lower(JsonNode array) {
        return list(array).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
