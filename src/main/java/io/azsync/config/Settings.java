package io.azsync.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * azsync's settings: defaults, then {@code application.properties}, then the environment (the
 * environment wins). Every value is validated when loaded, so a typo fails at start with the key
 * and the fix, not halfway through a sync. Secret settings are read from the environment only.
 */
public final class Settings {

    // --- Azure credentials: azure-identity's own environment variable names
    public static final Setting AZURE_TENANT_ID = Setting.of("azure.tenant.id", null, "Directory (tenant) id of the service principal.");
    public static final Setting AZURE_CLIENT_ID = Setting.of("azure.client.id", null, "Application (client) id of the service principal or user-assigned managed identity.");
    public static final Setting AZURE_CLIENT_SECRET = Setting.secret("azure.client.secret", "Client secret (its Value, not its ID). Environment only.");
    public static final Setting AZURE_CLIENT_CERTIFICATE_PATH = Setting.of("azure.client.certificate.path", null, "PEM or PFX certificate file, instead of a client secret.");
    public static final Setting AZURE_CLIENT_CERTIFICATE_PEM = Setting.secret("azure.client.certificate.pem", "PEM text of a client certificate and its private key, instead of a file (connectors managed over the API keep it encrypted).");
    public static final Setting AZURE_CLIENT_CERTIFICATE_PASSWORD = Setting.secret("azure.client.certificate.password", "Password of a PFX certificate. Environment only.");
    public static final Setting AZURE_USERNAME = Setting.of("azure.username", null, "User name for username/password sign-in (needs public client flows).");
    public static final Setting AZURE_PASSWORD = Setting.secret("azure.password", "Password for username/password sign-in. Environment only.");
    public static final Setting AZURE_AUTHORITY_HOST = Setting.of("azure.authority.host", null, "Login host; default from AZSYNC_CLOUD.");
    public static final Setting AZURE_FEDERATED_TOKEN_FILE = Setting.of("azure.federated.token.file", null, "Workload identity token file (set by AKS).");

    // --- azsync
    public static final Setting CLOUD = Setting.of("azsync.cloud", "AzureCloud", "AzureCloud, AzureUSGovernment or AzureChinaCloud: sets login, Resource Manager and Graph endpoints together.");
    public static final Setting ARM_ENDPOINT = Setting.of("azsync.arm.endpoint", null, "Resource Manager endpoint; default from AZSYNC_CLOUD. Token scope: <endpoint>/.default.");
    public static final Setting GRAPH_ENDPOINT = Setting.of("azsync.graph.endpoint", null, "Microsoft Graph endpoint; default from AZSYNC_CLOUD. Token scope: <endpoint>/.default.");
    public static final Setting JDBC_URL = Setting.of("azsync.jdbc.url", "jdbc:sqlite:azsync.db", "Sink database: jdbc:sqlite:FILE (embedded default) or jdbc:postgresql://HOST:PORT/DB.");
    public static final Setting JDBC_USER = Setting.of("azsync.jdbc.user", null, "Database user (PostgreSQL).");
    public static final Setting JDBC_PASSWORD = Setting.secret("azsync.jdbc.password", "Database password (PostgreSQL). Environment only.");
    public static final Setting SUBSCRIPTIONS = Setting.of("azsync.subscriptions", null, "Comma-separated subscription ids to limit the scope; default every subscription the principal can see.");
    public static final Setting STREAMS = Setting.of("azsync.streams", null, "Comma-separated stream names to enable; default every stream route in the routes directory.");
    public static final Setting CONNECTOR = Setting.of("azsync.connector", "default", "Connector name recorded with every run and row.");
    public static final Setting CONNECTORS_FILE = Setting.of("azsync.connectors.file", "connectors.yaml", "Connectors file (several tenants); without it the settings above are one connector.");
    public static final Setting CLUSTERED = Setting.of("azsync.clustered", "false", "true: several service nodes share the schedule through Quartz's JDBC job store in the PostgreSQL sink.");
    public static final Setting RELOAD_WATCH = Setting.of("azsync.reload.watch", "false", "run: watch the routes, queries, transform-maps, views and model directories and reload on changes (as POST /api/reload).");
    public static final Setting API_ENABLED = Setting.of("azsync.api.enabled", "true", "Service mode: serve the REST management API (false: none).");
    public static final Setting API_HOST = Setting.of("azsync.api.host", "127.0.0.1", "Address the REST API binds to (loopback by default; 0.0.0.0 in a container).");
    public static final Setting API_PORT = Setting.of("azsync.api.port", "8080", "Port of the REST API.");
    public static final Setting API_TOKEN = Setting.secret("azsync.api.token", "Bearer token the REST API requires (every endpoint but /api/health). Environment only.");
    public static final Setting ROUTES_DIR = Setting.of("azsync.routes.dir", "routes", "Directory of *.camel.yaml route files.");
    public static final Setting TRANSFORM_MAPS_DIR = Setting.of("azsync.transform-maps.dir", "transform-maps", "Directory of transform maps (<stream>.yaml).");
    public static final Setting QUERIES_DIR = Setting.of("azsync.queries.dir", "queries", "Directory of Resource Graph queries (<name>.kql).");
    public static final Setting MODEL_DIR = Setting.of("azsync.model.dir", "model", "Directory of the unified model files: scoring.yaml (scoring-<connector>.yaml overrides it), identification.yaml, tags.yaml.");
    public static final Setting VIEWS_DIR = Setting.of("azsync.views.dir", "views", "Directory of views (<name>.sql), created again at every start.");
    public static final Setting ENTRA_INCLUDE_INACTIVE = Setting.of("azsync.entra.include-inactive", "false", "true: disabled Entra users and devices count as live (views entra_live_users, entra_live_devices). They are stored either way.");
    public static final Setting HTTP_CONNECT_TIMEOUT = Setting.of("azsync.http.connect-timeout", "PT10S", "HTTPS connect timeout (ISO-8601 duration).");
    public static final Setting HTTP_READ_TIMEOUT = Setting.of("azsync.http.read-timeout", "PT60S", "Time to wait for a response (ISO-8601 duration).");
    public static final Setting HTTP_LOG = Setting.of("azsync.http.log", "none", "Log every Azure call through azure-core's HttpLoggingPolicy: none, basic (method, URL, status, time), headers (and headers; Authorization and other non-allow-listed values REDACTED).");
    public static final Setting RETRY_MAX_ATTEMPTS = Setting.of("azsync.retry.max-attempts", "6", "Attempts per request on 429, 503, other transient 5xx and connection errors.");
    public static final Setting RETRY_BASE_DELAY = Setting.of("azsync.retry.base-delay", "PT1S", "First back-off delay when Azure gives no Retry-After; doubles each attempt, with jitter.");
    public static final Setting RETRY_MAX_DELAY = Setting.of("azsync.retry.max-delay", "PT60S", "Longest back-off delay between two attempts.");
    public static final Setting CONNECTORS_REFRESH = Setting.of("azsync.connectors.refresh", "PT30S", "run: how often the service reads the connectors created over the API from the database, so a change made through another node of a cluster (or by secrets rotate) is applied (ISO-8601 duration).");
    public static final Setting LEASE_TTL = Setting.of("azsync.lease.ttl", "PT60S", "How long a stream lease outlives its holder's last heartbeat (renewed every third of it): a process that died on another host blocks its streams at most this long; one on this host not at all.");
    public static final Setting SHUTDOWN_GRACE_PERIOD = Setting.of("azsync.shutdown.grace-period", "PT20S", "run: on SIGTERM, how long a working stream may take to reach its next page boundary before it is closed as failed (stopped) anyway.");
    public static final Setting THROTTLE_RESERVE = Setting.of("azsync.throttle.reserve", "0", "Quota requests kept in reserve: below it the governor spreads requests over the quota window (raise it when other tools use the same principal).");
    public static final Setting STREAM_CONCURRENCY = Setting.of("azsync.stream.concurrency", "4", "Streams of a connector read at the same time (1: one after another). Four keep Resource Graph's default quota (15 queries per 5 s) full at its usual latency (about 1.2 s a page); the governor keeps them within it.");
    public static final Setting DELTA_FULL_EVERY = Setting.of("azsync.delta.full-every", "P7D", "Graph delta streams are read in full again when their last full read is older than this (ISO-8601 duration), so drift a delta cannot report heals.");
    public static final Setting WEBHOOK_ENABLED = Setting.of("azsync.webhook.enabled", "false", "Example route critical-findings-webhook: true posts each newly opened finding at or above AZSYNC_WEBHOOK_MIN_SEVERITY to AZSYNC_WEBHOOK_URL, once.");
    public static final Setting WEBHOOK_URL = Setting.secret("azsync.webhook.url", "Webhook the example route posts to: https:// (http:// only to a loopback address). A secret (incoming-webhook URLs carry a token): environment only.");
    public static final Setting WEBHOOK_MIN_SEVERITY = Setting.of("azsync.webhook.min-severity", "4", "Lowest finding_severity (1–5, from the score map) the webhook route posts; 4 is High and Critical (Defender recommendations go up to High).");
    public static final Setting WEBHOOK_PERIOD = Setting.of("azsync.webhook.period", "PT5M", "How often the webhook route looks for new findings (ISO-8601 duration).");
    public static final Setting SUMMARY_ENABLED = Setting.of("azsync.summary.enabled", "false", "Example route findings-summary: true refreshes the table findings_summary (open findings per subscription and severity) on a schedule.");
    public static final Setting SUMMARY_PERIOD = Setting.of("azsync.summary.period", "PT15M", "How often the findings-summary route refreshes its table (ISO-8601 duration).");

    public static final List<Setting> ALL = List.of(AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_CLIENT_CERTIFICATE_PEM,
            AZURE_CLIENT_CERTIFICATE_PASSWORD, AZURE_USERNAME, AZURE_PASSWORD, AZURE_AUTHORITY_HOST, AZURE_FEDERATED_TOKEN_FILE,
            CLOUD, ARM_ENDPOINT, GRAPH_ENDPOINT, JDBC_URL, JDBC_USER, JDBC_PASSWORD, SUBSCRIPTIONS, STREAMS, CONNECTOR,
            CONNECTORS_FILE, CLUSTERED, RELOAD_WATCH, API_ENABLED, API_HOST, API_PORT, API_TOKEN, ROUTES_DIR, TRANSFORM_MAPS_DIR, QUERIES_DIR, MODEL_DIR, VIEWS_DIR, ENTRA_INCLUDE_INACTIVE, HTTP_CONNECT_TIMEOUT, HTTP_READ_TIMEOUT, HTTP_LOG, RETRY_MAX_ATTEMPTS,
            RETRY_BASE_DELAY, RETRY_MAX_DELAY, THROTTLE_RESERVE, CONNECTORS_REFRESH, LEASE_TTL, SHUTDOWN_GRACE_PERIOD, STREAM_CONCURRENCY, DELTA_FULL_EVERY, WEBHOOK_ENABLED, WEBHOOK_URL,
            WEBHOOK_MIN_SEVERITY, WEBHOOK_PERIOD, SUMMARY_ENABLED, SUMMARY_PERIOD);

    /** Environment variable naming the properties file; default {@code application.properties} in the working directory. */
    public static final String CONFIG_FILE_ENV = "AZSYNC_CONFIG";

    private final Map<Setting, String> values;
    private final Map<String, String> extra;
    private final Map<String, String> environment;

    private Settings(Map<Setting, String> values, Map<String, String> extra, Map<String, String> environment) {
        this.values = values;
        this.extra = extra;
        this.environment = environment;
    }

    /** The environment the settings were read from (connectors name their secrets' variables in it). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Settings of this process: its environment and its properties file. */
    public static Settings fromEnvironment() {
        Map<String, String> env = System.getenv();
        Path file = Path.of(env.getOrDefault(CONFIG_FILE_ENV, "application.properties"));
        return load(env, Files.isRegularFile(file) ? file : null);
    }

    /**
     * Loads and validates settings.
     *
     * @param env            environment variables (they win)
     * @param propertiesFile a properties file, or null
     */
    public static Settings load(Map<String, String> env, Path propertiesFile) {
        List<Problem> problems = new ArrayList<>();
        Properties props = new Properties();
        String fileName = propertiesFile == null ? "application.properties" : propertiesFile.toString();
        if (propertiesFile != null) {
            try (Reader reader = Files.newBufferedReader(propertiesFile)) {
                props.load(reader);
            } catch (IOException e) {
                problems.add(new Problem(fileName, 0, "cannot read: " + e.getMessage()));
            }
        }
        Map<Setting, String> values = new LinkedHashMap<>();
        for (Setting s : ALL) {
            String fromFile = props.getProperty(s.key());
            if (fromFile != null && s.secret() && !fromFile.isBlank()) {
                problems.add(new Problem(fileName, 0, s.key() + " is a secret: remove it from the file and set "
                        + s.envName() + " in the environment instead"));
                fromFile = null;
            }
            String value = env.get(s.envName());
            if (value == null || value.isBlank()) {
                value = fromFile;
            }
            if (value == null || value.isBlank()) {
                value = s.defaultValue();
            }
            if (value != null) {
                // secrets byte for byte: a secret that ends in a space is still that secret
                values.put(s, s.secret() ? value : value.trim());
                if (s.secret()) {
                    Secrets.add(value);
                }
            }
        }
        Map<String, String> extra = new HashMap<>();
        // the file's other keys (camel.*, an integrator's own): the environment wins over them too, as over azsync's
        props.stringPropertyNames().forEach(k -> {
            String fromEnv = env.get(k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
            extra.put(k, fromEnv == null || fromEnv.isBlank() ? props.getProperty(k) : fromEnv);
        });
        Settings settings = new Settings(values, extra, env);
        settings.validate(problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return settings;
    }

    private void validate(List<Problem> problems) {
        try {
            Cloud.byName(get(CLOUD));
        } catch (IllegalArgumentException e) {
            problems.add(problem(CLOUD, e.getMessage()));
        }
        for (Setting s : List.of(ARM_ENDPOINT, GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST)) {
            String value = get(s);
            if (value != null && !isHttpsUrl(value)) {
                problems.add(problem(s, "'" + value + "' must be an https:// URL (TLS is never turned off)"));
            }
        }
        for (Setting s : List.of(HTTP_CONNECT_TIMEOUT, HTTP_READ_TIMEOUT, RETRY_BASE_DELAY, RETRY_MAX_DELAY, CONNECTORS_REFRESH, LEASE_TTL, SHUTDOWN_GRACE_PERIOD,
                WEBHOOK_PERIOD, SUMMARY_PERIOD, DELTA_FULL_EVERY)) {
            try {
                Duration d = Duration.parse(get(s));
                if (d.isNegative() || d.isZero()) {
                    problems.add(problem(s, "must be a positive duration, e.g. PT30S"));
                }
            } catch (DateTimeParseException e) {
                problems.add(problem(s, "'" + get(s) + "' is not an ISO-8601 duration, e.g. PT30S or PT2M"));
            }
        }
        for (Setting s : List.of(RETRY_MAX_ATTEMPTS, THROTTLE_RESERVE, API_PORT, WEBHOOK_MIN_SEVERITY, STREAM_CONCURRENCY)) {
            try {
                if (Integer.parseInt(get(s)) < (s == THROTTLE_RESERVE ? 0 : 1)) {
                    problems.add(problem(s, "is too small"));
                }
            } catch (NumberFormatException e) {
                problems.add(problem(s, "'" + get(s) + "' is not a whole number"));
            }
        }
        for (Setting s : List.of(ENTRA_INCLUDE_INACTIVE, CLUSTERED, RELOAD_WATCH, API_ENABLED, WEBHOOK_ENABLED, SUMMARY_ENABLED)) {
            if (!"true".equals(get(s)) && !"false".equals(get(s))) {
                // strict: "ture" or "yes" must not silently mean false
                problems.add(problem(s, "'" + get(s) + "' must be true or false"));
            }
        }
        if (!List.of("none", "basic", "headers").contains(get(HTTP_LOG))) {
            problems.add(problem(HTTP_LOG, "'" + get(HTTP_LOG) + "' must be none, basic or headers"));
        }
        if (!get(CONNECTOR).matches(ConnectorsFile.NAME_PATTERN)) {
            problems.add(problem(CONNECTOR, "'" + get(CONNECTOR) + "' is not a connector name: lower-case letters, digits, - and _, "
                    + "starting with a letter or digit, at most 63"));
        }
        if ("true".equals(get(CLUSTERED)) && get(JDBC_URL).startsWith("jdbc:sqlite:")) {
            problems.add(problem(CLUSTERED, "clustering needs the PostgreSQL sink: SQLite is single-node by design; set AZSYNC_JDBC_URL "
                    + "to jdbc:postgresql://... or AZSYNC_CLUSTERED=false"));
        }
        String jdbc = get(JDBC_URL);
        // which databases are supported is the sink's dialects' to say (ConfigValidator asks them)
        if (!jdbc.startsWith("jdbc:")) {
            problems.add(problem(JDBC_URL, "'" + Secrets.maskUrlPassword(jdbc)
                    + "' is not a JDBC URL: use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB"));
        }
        if ("true".equals(get(WEBHOOK_ENABLED))) {
            String url = get(WEBHOOK_URL);
            if (url == null) {
                problems.add(problem(WEBHOOK_URL, "AZSYNC_WEBHOOK_ENABLED=true needs the URL to post to: set AZSYNC_WEBHOOK_URL=https://..."));
            } else if (!isHttpsUrl(url) && !isLoopbackHttpUrl(url)) {
                problems.add(problem(WEBHOOK_URL, "must be an https:// URL (TLS is never turned off; http:// only to a loopback address)"));
            }
        }
        for (String id : list(SUBSCRIPTIONS)) {
            if (!id.matches("[0-9a-fA-F-]{36}")) {
                problems.add(problem(SUBSCRIPTIONS, "'" + id + "' is not a subscription id (a GUID)"));
            }
        }
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = URI.create(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLoopbackHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && (uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost") || uri.getHost().equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Problem problem(Setting s, String message) {
        return new Problem(s.envName() + " (" + s.key() + ")", 0, message);
    }

    public String get(Setting setting) {
        return values.get(setting);
    }

    public Optional<String> find(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    public int intValue(Setting setting) {
        return Integer.parseInt(get(setting));
    }

    public Duration duration(Setting setting) {
        return Duration.parse(get(setting));
    }

    /** A comma-separated setting as a list; empty when unset. */
    public List<String> list(Setting setting) {
        String value = get(setting);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Cloud cloud() {
        return Cloud.byName(get(CLOUD));
    }

    public String armEndpoint() {
        return stripSlash(find(ARM_ENDPOINT).orElse(cloud().armEndpoint()));
    }

    public String graphEndpoint() {
        return stripSlash(find(GRAPH_ENDPOINT).orElse(cloud().graphEndpoint()));
    }

    public String authorityHost() {
        return find(AZURE_AUTHORITY_HOST).orElse(cloud().authorityHost());
    }

    /**
     * The settings as Camel properties (key → effective value, defaults included): every setting
     * that has a value, except secrets, which never become properties (Camel shows its properties
     * in its consoles and errors).
     */
    public Map<String, String> camelProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((setting, value) -> {
            if (!setting.secret() && value != null) {
                out.put(setting.key(), value);
            }
        });
        return out;
    }

    /** Properties of the file that are not azsync settings (e.g. camel.*), for Camel itself. */
    public Map<String, String> extraProperties() {
        return Map.copyOf(extra);
    }

    /** A copy with some settings replaced (used by tests and by commands that narrow the scope). */
    public Settings with(Map<Setting, String> overrides) {
        Map<Setting, String> copy = new LinkedHashMap<>(values);
        overrides.forEach((k, v) -> {
            if (v == null) {
                copy.remove(k);
            } else {
                copy.put(k, v);
                if (k.secret()) {
                    Secrets.add(v);
                }
            }
        });
        Settings settings = new Settings(copy, extra, environment);
        List<Problem> problems = new ArrayList<>();
        settings.validate(problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return settings;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Never prints secret values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Settings{");
        values.forEach((k, v) -> sb.append(k.key()).append('=').append(k.secret() ? "****" : v).append(", "));
        return sb.append('}').toString();
    }
}
