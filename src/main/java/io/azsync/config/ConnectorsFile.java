package io.azsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The connectors file ({@code connectors.yaml}, path {@code AZSYNC_CONNECTORS_FILE}): several
 * tenants in one deployment. Without the file, the process settings are one implicit connector
 * named by {@code AZSYNC_CONNECTOR} (default {@code default}). Secrets are never written in the
 * file: a connector names the environment variable or the file that holds its client secret.
 */
public final class ConnectorsFile {

    /** A connector name: it is a column value, a JMX key and a path segment of the API. */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";


    private static final Set<String> KEYS = Set.of("name", "description", "enabled", "tenant-id", "cloud", "client-id", "credential",
            "streams", "schedules", "subscriptions", "management-groups", "delta-full-every");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("client-secret-env", "client-secret-file", "certificate-path",
            "certificate-password-env");
    private static final Set<String> SECRET_KEYS = Set.of("client-secret", "secret", "password", "certificate-password");

    private ConnectorsFile() {
    }

    public static List<ConnectorConfig> load(Settings base, Map<String, String> env) {
        Path file = Path.of(base.get(Settings.CONNECTORS_FILE));
        if (!Files.isRegularFile(file)) {
            if (!environmentConnector(base, env)) {
                // nothing configured: a service waits for connectors created over its REST API
                return List.of();
            }
            return List.of(new ConnectorConfig(base.get(Settings.CONNECTOR), "connector from the environment", true, base,
                    base.list(Settings.STREAMS), List.of(), Map.of()));
        }
        YamlFile yaml = YamlFile.read(file, file.toString());
        List<Problem> problems = new ArrayList<>();
        List<ConnectorConfig> connectors = new ArrayList<>();
        Node root = yaml.root().orElse(null);
        Node list = null;
        for (NodeTuple t : YamlFile.entries(root)) {
            if ("connectors".equals(YamlFile.scalar(t.getKeyNode()))) {
                list = t.getValueNode();
            } else {
                problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + YamlFile.scalar(t.getKeyNode()) + "' (expected connectors)"));
            }
        }
        if (list != null && !YamlFile.isSequence(list) && YamlFile.scalar(list) != null) {
            problems.add(yaml.problem(list, "'connectors' is a list of connectors (or empty)"));
        } else if (list != null && YamlFile.isSequence(list)) {
            Set<String> names = new HashSet<>();
            for (Node item : YamlFile.items(list)) {
                ConnectorConfig c = connector(yaml, item, base, env, problems);
                if (c != null && !names.add(c.name())) {
                    problems.add(yaml.problem(item, "connector " + c.name() + " is defined twice"));
                } else if (c != null) {
                    connectors.add(c);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return List.copyOf(connectors);
    }

    /**
     * Whether the environment describes a connector (without a connectors file): a credential or its
     * tenant or client id is set, or AZSYNC_CONNECTOR names it (a system-assigned managed identity
     * needs nothing else).
     */
    static boolean environmentConnector(Settings base, Map<String, String> env) {
        return java.util.stream.Stream.of(Settings.AZURE_TENANT_ID, Settings.AZURE_CLIENT_ID, Settings.AZURE_CLIENT_SECRET,
                        Settings.AZURE_CLIENT_CERTIFICATE_PATH, Settings.AZURE_CLIENT_CERTIFICATE_PEM, Settings.AZURE_USERNAME,
                        Settings.AZURE_FEDERATED_TOKEN_FILE).anyMatch(s -> base.find(s).isPresent())
                || (env != null && env.containsKey("AZSYNC_CONNECTOR"));
    }

    private static ConnectorConfig connector(YamlFile yaml, Node item, Settings base, Map<String, String> env, List<Problem> problems) {
        Map<String, Node> v = new LinkedHashMap<>();
        for (NodeTuple t : YamlFile.entries(item)) {
            String key = YamlFile.scalar(t.getKeyNode());
            if (SECRET_KEYS.contains(key)) {
                problems.add(yaml.problem(t.getKeyNode(), key + ": secrets are never written in the connectors file: use "
                        + "credential.client-secret-env (an environment variable name) or credential.client-secret-file"));
            } else if (!KEYS.contains(key)) {
                problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected one of: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")"));
            } else {
                v.put(key, t.getValueNode());
            }
        }
        String name = YamlFile.scalar(v.get("name"));
        if (name == null || !name.matches(NAME_PATTERN)) {
            problems.add(yaml.problem(v.getOrDefault("name", item), "connector name '" + name + "' must be lower case letters, digits, - and _"));
            return null;
        }
        int before = problems.size();
        Map<Setting, String> overrides = new HashMap<>();
        overrides.put(Settings.CONNECTOR, name);
        put(overrides, Settings.AZURE_TENANT_ID, YamlFile.scalar(v.get("tenant-id")));
        put(overrides, Settings.AZURE_CLIENT_ID, YamlFile.scalar(v.get("client-id")));
        put(overrides, Settings.CLOUD, YamlFile.scalar(v.get("cloud")));
        put(overrides, Settings.DELTA_FULL_EVERY, YamlFile.scalar(v.get("delta-full-every")));
        if (v.containsKey("credential")) {
            for (NodeTuple t : YamlFile.entries(v.get("credential"))) {
                String key = YamlFile.scalar(t.getKeyNode());
                String value = YamlFile.scalar(t.getValueNode());
                if (!CREDENTIAL_KEYS.contains(key)) {
                    problems.add(yaml.problem(t.getKeyNode(), SECRET_KEYS.contains(key)
                            ? key + ": secrets are never written in the connectors file: use client-secret-env or client-secret-file"
                            : "unknown credential key '" + key + "' (expected one of: " + String.join(", ", new java.util.TreeSet<>(CREDENTIAL_KEYS)) + ")"));
                    continue;
                }
                switch (key) {
                    case "client-secret-env" -> {
                        String secret = env.get(value);
                        if (secret == null || secret.isBlank()) {
                            problems.add(yaml.problem(t.getValueNode(), "connector " + name + ": environment variable " + value
                                    + " (its client secret) is not set"));
                        }
                        put(overrides, Settings.AZURE_CLIENT_SECRET, secret);
                    }
                    case "client-secret-file" -> {
                        try {
                            // byte for byte, as the environment's: write the file without a trailing newline (printf '%s')
                            put(overrides, Settings.AZURE_CLIENT_SECRET, Files.readString(Path.of(value)));
                        } catch (IOException | RuntimeException e) {
                            problems.add(yaml.problem(t.getValueNode(), "connector " + name + ": cannot read the client secret file " + value));
                        }
                    }
                    case "certificate-path" -> put(overrides, Settings.AZURE_CLIENT_CERTIFICATE_PATH, value);
                    case "certificate-password-env" -> put(overrides, Settings.AZURE_CLIENT_CERTIFICATE_PASSWORD, env.get(value));
                    default -> { }
                }
            }
        }
        List<String> exclude = new ArrayList<>();
        boolean autoInclude = true;
        boolean disableDeleted = true;
        if (v.containsKey("subscriptions")) {
            for (NodeTuple t : YamlFile.entries(v.get("subscriptions"))) {
                String key = YamlFile.scalar(t.getKeyNode());
                List<String> ids = YamlFile.items(t.getValueNode()).stream().map(YamlFile::scalar).toList();
                switch (key == null ? "" : key) {
                    case "include" -> put(overrides, Settings.SUBSCRIPTIONS, String.join(",", ids));
                    case "exclude" -> exclude.addAll(ids.stream().map(String::toLowerCase).toList());
                    case "auto-include-new-subscriptions" -> autoInclude = bool(yaml, t.getValueNode(), problems);
                    case "disable-deleted-subscriptions" -> disableDeleted = bool(yaml, t.getValueNode(), problems);
                    default -> problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected include, exclude, "
                            + "auto-include-new-subscriptions, disable-deleted-subscriptions)"));
                }
            }
        }
        List<String> includeGroups = new ArrayList<>();
        List<String> excludeGroups = new ArrayList<>();
        for (NodeTuple t : YamlFile.entries(v.get("management-groups"))) {
            String key = YamlFile.scalar(t.getKeyNode());
            List<String> names = YamlFile.items(t.getValueNode()).stream().map(YamlFile::scalar).map(String::toLowerCase).toList();
            if ("include".equals(key)) {
                includeGroups.addAll(names);
            } else if ("exclude".equals(key)) {
                excludeGroups.addAll(names);
            } else {
                problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected include, exclude: management group names)"));
            }
        }
        List<String> streams = v.containsKey("streams") ? YamlFile.items(v.get("streams")).stream().map(YamlFile::scalar).toList() : List.of();
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        for (NodeTuple t : YamlFile.entries(v.get("schedules"))) {
            Schedule s = schedule(yaml, YamlFile.scalar(t.getKeyNode()), t.getValueNode(), problems);
            if (s != null) {
                schedules.put(YamlFile.scalar(t.getKeyNode()), s);
            }
        }
        boolean enabled = !"false".equals(YamlFile.scalar(v.get("enabled")));
        Settings settings;
        try {
            settings = base.with(overrides);
        } catch (InvalidConfigurationException e) {
            e.problems().forEach(p -> problems.add(yaml.problem(item, "connector " + name + ": " + p)));
            return null;
        }
        if (problems.size() > before) {
            return null;
        }
        return new ConnectorConfig(name, YamlFile.scalar(v.get("description")), enabled, settings, streams, List.copyOf(exclude),
                Map.copyOf(schedules), new ConnectorConfig.ScopeRules(List.copyOf(includeGroups), List.copyOf(excludeGroups),
                autoInclude, disableDeleted));
    }

    private static boolean bool(YamlFile yaml, Node node, List<Problem> problems) {
        String value = YamlFile.scalar(node);
        if (!"true".equals(value) && !"false".equals(value)) {
            problems.add(yaml.problem(node, "must be true or false"));
        }
        return !"false".equals(value);
    }

    private static Schedule schedule(YamlFile yaml, String group, Node node, List<Problem> problems) {
        String every = null;
        String cron = null;
        String once = null;
        for (NodeTuple t : YamlFile.entries(node)) {
            String key = YamlFile.scalar(t.getKeyNode());
            String value = YamlFile.scalar(t.getValueNode());
            switch (key == null ? "" : key) {
                case "every" -> every = value;
                case "cron" -> cron = value;
                case "once" -> once = value;
                default -> problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected every, cron or once)"));
            }
        }
        try {
            return Schedule.parse(group, every, cron, once);
        } catch (IllegalArgumentException e) {
            problems.add(yaml.problem(node, e.getMessage()));
            return null;
        }
    }

    private static void put(Map<Setting, String> map, Setting setting, String value) {
        if (value != null && !value.isBlank()) {
            map.put(setting, value);
        }
    }
}
