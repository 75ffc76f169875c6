package io.azsync.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A simulated Azure tenant for tests and for {@code azsync demo} (it is never reachable from
 * {@code sync} or {@code run}), served over HTTPS on loopback: the Entra ID token endpoint (as
 * azure-identity/MSAL call it), Resource Manager's subscription list and Resource Graph with
 * real paging ($top, $skipToken), subscription filtering and quota headers. Faults are scripted
 * per API: the next N answers of an API can be replaced (429 with Retry-After, 500, a malformed
 * page, ...). Every request is recorded for assertions.
 */
public final class FakeAzure implements AutoCloseable {

    public static final String TENANT = "8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90";
    public static final String CLIENT_ID = "3c2b1a09-8f7e-4d6c-b5a4-0e9d8c7b6a51";
    public static final String CLIENT_SECRET = "fAk3~Secr3t.Value_x9Qz";

    public static final String TOKEN = "token";
    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String RESOURCE_GRAPH = "resource-graph";
    public static final String GRAPH = "graph";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE = Pattern.compile("type\\s*=~\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAKE = Pattern.compile("\\|\\s*take\\s+(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID_REGEX = Pattern.compile("where\\s+(not\\()?id\\s+matches\\s+regex\\s+@'([^']*)'", Pattern.CASE_INSENSITIVE);
    /** A partition by the last characters of id: {@code [not(]tolower(substring(id, strlen(id) - 2, 2)) in ('0a', …)[)]}. */
    private static final Pattern ID_SUFFIX_IN = Pattern.compile(
            "where\\s+(not\\()?tolower\\(substring\\(id,\\s*strlen\\(id\\)\\s*-\\s*(\\d+),\\s*\\d+\\)\\)\\s+in\\s*\\(([^)]*)\\)",
            Pattern.CASE_INSENSITIVE);
    /** Rows counted by the last characters of id: {@code summarize n = count() by k = tolower(substring(id, strlen(id) - 2, 2))}. */
    private static final Pattern COUNT_BY_SUFFIX = Pattern.compile(
            "summarize\\s+n\\s*=\\s*count\\(\\)\\s+by\\s+k\\s*=\\s*tolower\\(substring\\(id,\\s*strlen\\(id\\)\\s*-\\s*(\\d+),",
            Pattern.CASE_INSENSITIVE);
    /**
     * The partition key of an id as azsync's id partitions compute it in KQL: its last two digits before any trailing
     * non-digits ({@code vm-000123-nic} → {@code 23}), or, without such digits, its last two characters.
     */
    private static final String DIGITS_KEY = "iff(id matches regex @'[0-9]{2}[^0-9]*$', extract(@'([0-9]{2})[^0-9]*$', 1, id), "
            + "tolower(substring(id, strlen(id) - 2, 2)))";
    private static final Pattern TRAILING_DIGITS = Pattern.compile("([0-9]{2})[^0-9]*$");
    private static final Pattern KEY_IN = Pattern.compile("where\\s+(not\\()?" + Pattern.quote(DIGITS_KEY) + "\\s+in\\s*\\(([^)]*)\\)");
    private static final Pattern COUNT_BY_KEY = Pattern.compile("summarize\\s+n\\s*=\\s*count\\(\\)\\s+by\\s+k\\s*=\\s*" + Pattern.quote(DIGITS_KEY));
    private static final Pattern ID_IN = Pattern.compile("where\\s+id\\s+in~\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);

    /** A recorded request. */
    public record Request(String api, String method, String path, Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().isEmpty() ? null : e.getValue().get(0);
                }
            }
            return null;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A canned answer that replaces the next real one of an API. */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** Azure's 401 for a token it no longer accepts, with its {@code WWW-Authenticate} challenge. */
        public static Answer expiredToken() {
            return new Answer(401, Map.of("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", "
                    + "error=\"invalid_token\", error_description=\"The access token has expired.\""),
                    "{\"error\":{\"code\":\"ExpiredAuthenticationToken\","
                    + "\"message\":\"The access token expiry UTC time is earlier than current UTC time.\"}}");
        }

        public static Answer status(int status, String body) {
            return new Answer(status, Map.of(), body);
        }

        /** Close the connection without answering, as a reset or a crashed proxy does. */
        public static final Answer DROP = new Answer(-1, Map.of(), null);

        /** Hold the answer back this long, then answer normally (a slow page; a moment to kill a client). */
        public static Answer delayed(java.time.Duration delay) {
            return new Answer(-2, Map.of("delay-ms", String.valueOf(delay.toMillis())), null);
        }

        /** Answer this request normally (to script a fault for a later page). */
        public static final Answer PASS = new Answer(0, Map.of(), null);

        public static Answer throttled(String retryAfter) {
            return new Answer(429, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter),
                    "{\"error\":{\"code\":\"RateLimiting\",\"message\":\"Please provide below info when asking for support\"}}");
        }
    }

    private final HttpsServer server;
    private final FakeGraph graph;
    // enough threads that concurrent clients meet the simulated latency, not a queue in the simulator
    private final ExecutorService executor = Executors.newFixedThreadPool(64);
    private final Map<String, List<ObjectNode>> resources = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> sorted = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> inScope = new ConcurrentHashMap<>();
    private final List<String> subscriptionIds = new CopyOnWriteArrayList<>();
    private final Map<String, String> subscriptionStates = new ConcurrentHashMap<>();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
    private volatile int subscriptionsPageSize = 100;
    private volatile boolean resourceGraphForbidden;
    private volatile int quotaPerWindow;
    private volatile Duration quotaWindow = Duration.ofSeconds(5);
    private final Deque<Instant> quotaLog = new ArrayDeque<>();
    private final Map<Integer, java.util.concurrent.atomic.AtomicInteger> statusCounts = new ConcurrentHashMap<>();
    private final Map<String, Duration> latency = new ConcurrentHashMap<>();
    private volatile int payloadLimit = 16 * 1024 * 1024;
    private volatile int tenantSubscriptionLimit = 10_000;
    private volatile boolean gzip = true;
    private final Map<String, Churn> churn = new ConcurrentHashMap<>();
    private final List<String> churnRemoved = new CopyOnWriteArrayList<>();
    private final List<String> churnAdded = new CopyOnWriteArrayList<>();
    private final java.util.Random churnRandom = new java.util.Random(42);

    /** Resources of a type deleted and created while a query of that type is paged (after every page answered). */
    private record Churn(int deletedPerPage, int createdPerPage, java.util.function.IntFunction<ObjectNode> factory,
                         java.util.concurrent.atomic.AtomicInteger created) {
    }

    private static volatile javax.net.ssl.SSLContext defaultServerContext;

    /** The TLS context (certificate for localhost) new simulators serve with, set by the tests or the demo. */
    public static void useServerContext(javax.net.ssl.SSLContext context) {
        defaultServerContext = context;
    }

    public FakeAzure() {
        this(defaultServerContext);
    }

    public FakeAzure(javax.net.ssl.SSLContext tls) {
        if (tls == null) {
            throw new IllegalStateException("no TLS context for the simulator: call FakeAzure.useServerContext first");
        }
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        graph = new FakeGraph(url());
    }

    /** Base URL (https://localhost:PORT), usable as the authority host and the ARM endpoint. */
    public String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** Environment a test hands to azsync's settings to use this fake with the right secret. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZURE_TENANT_ID", TENANT);
        env.put("AZURE_CLIENT_ID", CLIENT_ID);
        env.put("AZURE_CLIENT_SECRET", CLIENT_SECRET);
        env.put("AZURE_AUTHORITY_HOST", url() + "/");
        env.put("AZSYNC_ARM_ENDPOINT", url());
        env.put("AZSYNC_GRAPH_ENDPOINT", url());
        env.put("AZSYNC_RETRY_BASE_DELAY", "PT0.02S");
        env.put("AZSYNC_RETRY_MAX_DELAY", "PT0.2S");
        // hermetic: a connectors.yaml a developer keeps in the working directory is not used
        env.put("AZSYNC_CONNECTORS_FILE", "target/test-no-connectors.yaml");
        return env;
    }

    // ---------------------------------------------------------------- tenant content

    /** The Microsoft Graph part: users, groups, members, devices. */
    public FakeGraph graph() {
        return graph;
    }

    public FakeAzure subscription(String id) {
        return subscription(id, "Enabled");
    }

    /** A subscription in a state (Enabled, Disabled, ...) under management groups (nearest first). */
    public FakeAzure subscription(String id, String state, String... managementGroups) {
        subscriptionIds.add(id);
        subscriptionStates.put(id, state);
        ObjectNode sub = FakeResources.subscription(id, "Subscription " + id.substring(0, 8));
        ((ObjectNode) sub.get("properties")).put("state", state);
        var chain = ((ObjectNode) sub.get("properties")).putArray("managementGroupAncestorsChain");
        for (String mg : managementGroups) {
            chain.addObject().put("name", mg).put("displayName", "Group " + mg);
        }
        return add(sub);
    }

    public FakeAzure add(ObjectNode resource) {
        String type = resource.path("type").asText().toLowerCase(Locale.ROOT);
        resources.computeIfAbsent(type, t -> java.util.Collections.synchronizedList(new ArrayList<>())).add(resource);
        sorted.remove(type);
        sorted.remove(TABLE_KEY + tableOf(type));
        inScope.clear();
        return this;
    }

    private static final String TABLE_KEY = "table:";
    private static final Set<String> TABLES = Set.of("resources", "securityresources", "authorizationresources", "resourcecontainers");

    /** The Resource Graph table a type lives in, as Azure files them. */
    static String tableOf(String type) {
        if (type.startsWith("microsoft.security/")) {
            return "securityresources";
        }
        if (type.startsWith("microsoft.authorization/")) {
            return "authorizationresources";
        }
        if (type.equals("microsoft.resources/subscriptions") || type.equals("microsoft.resources/subscriptions/resourcegroups")
                || type.startsWith("microsoft.management/")) {
            return "resourcecontainers";
        }
        return "resources";
    }

    private static final Set<String> OPERATORS = Set.of("where", "order", "sort", "take", "limit", "top", "project", "extend", "summarize",
            "count", "distinct", "mv-expand", "join");

    /**
     * The table a query starts with (comment lines skipped), when it is one of Resource Graph's and every
     * step after it starts with a KQL operator; else null (the caller answers 400 InvalidQuery).
     */
    static String tableQueried(String query) {
        StringBuilder code = new StringBuilder();
        for (String line : query.split("\n")) {
            if (!line.strip().startsWith("//")) {
                code.append(line).append('\n');
            }
        }
        String[] steps = code.toString().strip().split("\\|");
        String table = steps[0].strip().toLowerCase(Locale.ROOT);
        if (!TABLES.contains(table)) {
            return null;
        }
        for (int i = 1; i < steps.length; i++) {
            String operator = steps[i].strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (!OPERATORS.contains(operator)) {
                return null;
            }
        }
        return table;
    }

    /** Resources of a type (or every type of a table, {@code table:<name>}) sorted by id, cached until they change. */
    private List<ObjectNode> sortedOf(String type) {
        return sorted.computeIfAbsent(type, t -> {
            List<ObjectNode> list = new ArrayList<>();
            List<String> types = t.startsWith(TABLE_KEY) ? resources.keySet().stream()
                    .filter(x -> tableOf(x).equals(t.substring(TABLE_KEY.length()))).toList() : List.of(t);
            for (String x : types) {
                List<ObjectNode> of = resources.getOrDefault(x, List.of());
                synchronized (of) {
                    list.addAll(of);
                }
            }
            list.sort(Comparator.comparing(r -> r.path("id").asText().toLowerCase(Locale.ROOT)));
            return List.copyOf(list);
        });
    }

    /** Points a public IP at an ip configuration (its properties.ipConfiguration.id). */
    public FakeAzure publicIpOnConfig(String publicIpId, String ipConfigurationId) {
        List<ObjectNode> ips = resources.getOrDefault("microsoft.network/publicipaddresses", List.of());
        synchronized (ips) {
            ips.stream().filter(r -> r.path("id").asText().equalsIgnoreCase(publicIpId))
                    .forEach(r -> ((ObjectNode) r.path("properties")).putObject("ipConfiguration").put("id", ipConfigurationId));
        }
        return this;
    }

    public FakeAzure remove(String id) {
        resources.values().forEach(list -> list.removeIf(r -> r.path("id").asText().equalsIgnoreCase(id)));
        sorted.clear();
        inScope.clear();
        return this;
    }

    public FakeAzure clearResources() {
        resources.clear();
        sorted.clear();
        inScope.clear();
        subscriptionIds.clear();
        return this;
    }

    /** Replaces the next answers of an API ({@link #TOKEN}, {@link #SUBSCRIPTIONS}, {@link #RESOURCE_GRAPH}). */
    public FakeAzure script(String api, Answer... answers) {
        Deque<Answer> queue = scripted.computeIfAbsent(api, a -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(answers));
        }
        return this;
    }

    public FakeAzure subscriptionsPageSize(int size) {
        this.subscriptionsPageSize = size;
        return this;
    }

    /** Resource Graph answers 403 AuthorizationFailed, as without the Reader role. */
    public FakeAzure forbidResourceGraph(boolean forbidden) {
        this.resourceGraphForbidden = forbidden;
        return this;
    }

    /** Simulates Resource Graph's per-user quota: headers on every answer, 429 beyond it. */
    public FakeAzure quota(int perWindow, Duration window) {
        this.quotaPerWindow = perWindow;
        this.quotaWindow = window;
        return this;
    }

    /**
     * Answers of an API ({@link #RESOURCE_GRAPH}, {@link #GRAPH}, {@link #SUBSCRIPTIONS}, {@link #TOKEN}) take this
     * long, as real ones do (Resource Graph about 1.2 s for 1,000 rows, Graph 0.6 s a page, ARM 0.3 s).
     */
    public FakeAzure latency(String api, Duration delay) {
        latency.put(api, delay);
        return this;
    }

    /** Resource Graph refuses a page larger than this many bytes with 400 ResponsePayloadTooLarge (Azure: 16 MiB). */
    public FakeAzure payloadLimit(int bytes) {
        this.payloadLimit = bytes;
        return this;
    }

    /**
     * A query at tenant scope covers only the first this many subscriptions and says so with
     * {@code x-ms-tenant-subscription-limit-hit: true} (Azure: 10,000).
     */
    public FakeAzure tenantSubscriptionLimit(int subscriptions) {
        this.tenantSubscriptionLimit = subscriptions;
        return this;
    }

    /** Whether answers are gzip-compressed for clients that accept it (Azure's are; default true). */
    public FakeAzure gzip(boolean on) {
        this.gzip = on;
        return this;
    }

    /**
     * A live estate: after every Resource Graph page of {@code type} is answered, {@code deletedPerPage} resources
     * of that type (picked at random) are deleted and {@code createdPerPage} new ones (made by {@code factory} from a
     * counter) are created. Skip tokens are offsets into the live result, as Resource Graph's are, so a page
     * after a deletion starts later than the reader thinks and rows are silently skipped.
     */
    public FakeAzure churn(String type, int deletedPerPage, int createdPerPage, java.util.function.IntFunction<ObjectNode> factory) {
        churn.put(type.toLowerCase(Locale.ROOT), new Churn(deletedPerPage, createdPerPage, factory, new java.util.concurrent.atomic.AtomicInteger()));
        return this;
    }

    /** Stops the churn (the estate holds still again). */
    public FakeAzure stopChurn() {
        churn.clear();
        return this;
    }

    /** Ids the churn deleted so far. */
    public List<String> churnRemoved() {
        return List.copyOf(churnRemoved);
    }

    /** Ids the churn created so far. */
    public List<String> churnAdded() {
        return List.copyOf(churnAdded);
    }

    /** Ids of the resources of a type that exist now. */
    public List<String> ids(String type) {
        return sortedOf(type.toLowerCase(Locale.ROOT)).stream().map(r -> r.path("id").asText()).toList();
    }

    /** Makes every token issued so far invalid, as when it expires or is revoked. */
    public void revokeTokens() {
        revokedTokens.addAll(issuedTokens);
    }

    public List<Request> requests(String api) {
        return requests.stream().filter(r -> r.api().equals(api)).toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = read(exchange.getRequestBody());
            String path = exchange.getRequestURI().getPath();
            String api = path.endsWith("/oauth2/v2.0/token") ? TOKEN
                    : path.equals("/subscriptions") ? SUBSCRIPTIONS
                    : path.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources") ? RESOURCE_GRAPH
                    : path.startsWith("/v1.0/") ? GRAPH : "other";
            requests.add(new Request(api, exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
            if (!api.equals(TOKEN) && !api.equals("other") && !authorized(exchange)) {
                send(exchange, Answer.expiredToken());
                return;
            }
            // Resource Graph counts a request against the quota when it arrives, before it works on it
            Map<String, String> quotaHeaders = new HashMap<>();
            Answer refused = api.equals(RESOURCE_GRAPH) && !resourceGraphForbidden && !hasScripted(api) ? admit(quotaHeaders) : null;
            // the answer leaves `latency` after the request arrived, its own work included: the latency is what a client
            // measures, as Azure's 1.2 s a Resource Graph page is; the simulator's work on the machine is not added on top
            Duration delay = latency.get(api);
            long due = System.nanoTime() + (delay == null ? 0 : delay.toNanos());
            Answer next = nextScripted(api);
            if (next != null && next.status() == -1) {
                if (!sleepUntil(due)) {
                    return;
                }
                exchange.getResponseBody().close();
                return;
            }
            if (next != null && next.status() == -2) {
                due += Long.parseLong(next.headers().get("delay-ms")) * 1_000_000L;
                next = null;
            }
            Answer answer = next != null && next.status() != 0 ? next : switch (api) {
                case TOKEN -> token(path, body);
                case SUBSCRIPTIONS -> subscriptions(exchange);
                case RESOURCE_GRAPH -> refused != null ? refused : resourceGraph(body, quotaHeaders);
                case GRAPH -> graph.handle(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders());
                default -> openIdOrNotFound(path);
            };
            if (!sleepUntil(due)) {
                return;
            }
            send(exchange, answer);
        } catch (RuntimeException e) {
            LoggerHolder.LOG.warn("simulator failed on {}: {}", exchange.getRequestURI(), e.toString());
            throw e;
        }
    }

    /** Sleeps until System.nanoTime() reaches {@code due}; false when interrupted (the server is stopping). */
    private static boolean sleepUntil(long due) {
        try {
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when the next answer of the API is a scripted one that replaces the real answer (not PASS or a delay). */
    private boolean hasScripted(String api) {
        Deque<Answer> queue = scripted.get(api);
        if (queue == null) {
            return false;
        }
        synchronized (queue) {
            Answer next = queue.peekFirst();
            return next != null && next.status() != 0 && next.status() != -2;
        }
    }

    private Answer nextScripted(String api) {
        Deque<Answer> queue = scripted.get(api);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return false;
        }
        String token = auth.substring(7);
        return issuedTokens.contains(token) && !revokedTokens.contains(token);
    }

    private Answer token(String path, String body) {
        Map<String, String> form = form(body);
        String tenant = path.substring(1, path.indexOf('/', 1));
        if (!TENANT.equals(tenant)) {
            return aadError(400, "invalid_request", 90002, "AADSTS90002: Tenant '" + tenant + "' not found. Check to make sure you "
                    + "have the correct tenant ID and are signing into the correct cloud.");
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            return aadError(400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '" + form.get("client_id")
                    + "' was not found in the directory.");
        }
        if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
            return aadError(401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure the secret "
                    + "being sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                    + CLIENT_ID + "'.");
        }
        String token = "fake-" + UUID.randomUUID();
        issuedTokens.add(token);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 3599);
        answer.put("ext_expires_in", 3599);
        answer.put("access_token", token);
        return new Answer(200, Map.of(), answer.toString());
    }

    private static Answer aadError(int status, String error, int code, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description + "\r\nTrace ID: 0000 Correlation ID: 0000 Timestamp: 2026-11-23 10:00:00Z");
        body.putArray("error_codes").add(code);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return new Answer(status, Map.of(), body.toString());
    }

    private Answer openIdOrNotFound(String path) {
        if (path.endsWith("/v2.0/.well-known/openid-configuration")) {
            String tenant = path.substring(1, path.indexOf('/', 1));
            ObjectNode config = JSON.createObjectNode();
            config.put("token_endpoint", url() + "/" + tenant + "/oauth2/v2.0/token");
            config.put("authorization_endpoint", url() + "/" + tenant + "/oauth2/v2.0/authorize");
            config.put("issuer", url() + "/" + tenant + "/v2.0");
            config.put("device_authorization_endpoint", url() + "/" + tenant + "/oauth2/v2.0/devicecode");
            return new Answer(200, Map.of(), config.toString());
        }
        return Answer.status(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no fake for " + path + "\"}}");
    }

    /**
     * The principal loses read access to a subscription: Resource Manager no longer lists it and
     * Resource Graph trims its resources from every answer, silently, as Azure does.
     */
    public FakeAzure forbid(String subscriptionId) {
        forbidden.add(subscriptionId.toLowerCase(Locale.ROOT));
        inScope.clear();
        return this;
    }

    /** Read access to a forbidden subscription is granted again. */
    public FakeAzure allow(String subscriptionId) {
        forbidden.remove(subscriptionId.toLowerCase(Locale.ROOT));
        inScope.clear();
        return this;
    }

    private Answer subscriptions(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        int skip = 0;
        if (query != null && query.contains("skip=")) {
            skip = Integer.parseInt(query.replaceAll(".*skip=(\\d+).*", "$1"));
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        List<String> ids = subscriptionIds.stream().filter(id -> !forbidden.contains(id.toLowerCase(Locale.ROOT))).toList();
        for (int i = skip; i < Math.min(ids.size(), skip + subscriptionsPageSize); i++) {
            ObjectNode s = value.addObject();
            s.put("id", "/subscriptions/" + ids.get(i));
            s.put("subscriptionId", ids.get(i));
            s.put("tenantId", TENANT);
            s.put("displayName", "Subscription " + ids.get(i).substring(0, 8));
            s.put("state", subscriptionStates.getOrDefault(ids.get(i), "Enabled"));
        }
        if (skip + subscriptionsPageSize < ids.size()) {
            answer.put("nextLink", url() + "/subscriptions?api-version=2022-12-01&skip=" + (skip + subscriptionsPageSize));
        }
        return new Answer(200, Map.of("x-ms-ratelimit-remaining-tenant-reads", "249"), answer.toString());
    }

    /** Counts a Resource Graph request against the quota when it arrives: its headers, or a 429 beyond the quota. */
    private Answer admit(Map<String, String> quotaHeaders) {
        if (quotaPerWindow > 0) {
            Instant now = Instant.now();
            synchronized (quotaLog) {
                while (!quotaLog.isEmpty() && quotaLog.peekFirst().isBefore(now.minus(quotaWindow))) {
                    quotaLog.pollFirst();
                }
                Duration resetsAfter = quotaLog.isEmpty() ? quotaWindow : Duration.between(now, quotaLog.peekFirst().plus(quotaWindow));
                if (quotaLog.size() >= quotaPerWindow) {
                    long seconds = Math.max(1, (resetsAfter.toMillis() + 999) / 1000);
                    return new Answer(429, Map.of("Retry-After", String.valueOf(seconds), "x-ms-user-quota-remaining", "0",
                            "x-ms-user-quota-resets-after", hms(resetsAfter)), "{\"error\":{\"code\":\"RateLimiting\",\"message\":\"quota\"}}");
                }
                quotaLog.addLast(now);
                quotaHeaders.put("x-ms-user-quota-remaining", String.valueOf(quotaPerWindow - quotaLog.size()));
                quotaHeaders.put("x-ms-user-quota-resets-after", hms(resetsAfter));
            }
        }
        return null;
    }

    private volatile boolean refuseCounting;

    /** Resource Graph refuses the query that counts rows per id suffix (400 InvalidQuery), as a service without that function would. */
    public FakeAzure refuseCounting() {
        refuseCounting = true;
        return this;
    }

    private static String digitsKey(JsonNode resource) {
        String id = resource.path("id").asText();
        Matcher m = TRAILING_DIGITS.matcher(id);
        return m.find() ? m.group(1) : suffix(resource, 2);
    }

    private static String suffix(JsonNode resource, int width) {
        String id = resource.path("id").asText().toLowerCase(Locale.ROOT);
        return id.substring(Math.max(0, id.length() - width));
    }

    private Answer resourceGraph(String body, Map<String, String> quotaHeaders) {
        if (resourceGraphForbidden) {
            return Answer.status(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client '" + CLIENT_ID
                    + "' with object id '0000' does not have authorization to perform action "
                    + "'Microsoft.ResourceGraph/resources/read' over scope '/providers/Microsoft.ResourceGraph'.\"}}");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return Answer.status(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"invalid JSON\"}}");
        }
        String query = request.path("query").asText();
        Matcher type = TYPE.matcher(query);
        String table = tableQueried(query);
        if (!type.find() && table == null) {
            return Answer.status(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Please provide below info when asking for "
                    + "support\",\"details\":[{\"code\":\"InvalidQuery\",\"message\":\"Query is invalid. Please refer to the "
                    + "documentation for the Azure Resource Graph service and fix the error before retrying.\"}]}}");
        }
        Set<String> subs = new java.util.HashSet<>();
        request.path("subscriptions").forEach(s -> subs.add(s.asText().toLowerCase(Locale.ROOT)));
        // a type filter reads that type; a query without one reads every type of its table (resources, securityresources, ...)
        String typeName = table != null && !TYPE.matcher(query).find() ? TABLE_KEY + table : type.group(1).toLowerCase(Locale.ROOT);
        List<ObjectNode> matching = inScope(typeName, subs);
        if (subs.isEmpty() && subscriptionIds.size() > tenantSubscriptionLimit) {
            Set<String> firstOnes = new java.util.HashSet<>(subscriptionIds.stream().map(x -> x.toLowerCase(Locale.ROOT)).sorted()
                    .limit(tenantSubscriptionLimit).toList());
            matching = matching.stream().filter(r -> firstOnes.contains(subscriptionOf(r))).toList();
            quotaHeaders.put("x-ms-tenant-subscription-limit-hit", "true");
        }
        Matcher ids = ID_IN.matcher(query);
        if (ids.find()) {
            Set<String> wanted = new java.util.HashSet<>();
            for (String id : ids.group(1).split(",")) {
                wanted.add(id.trim().replaceAll("^'|'$", "").toLowerCase(Locale.ROOT));
            }
            matching = matching.stream().filter(r -> wanted.contains(r.path("id").asText().toLowerCase(Locale.ROOT))).toList();
        }
        Matcher regex = ID_REGEX.matcher(query);
        while (regex.find()) {
            boolean negated = regex.group(1) != null;
            Pattern partition = Pattern.compile(regex.group(2));
            matching = matching.stream().filter(r -> partition.matcher(r.path("id").asText()).find() != negated).toList();
        }
        // what a partition's filter leaves of the scope is kept like the scope itself (cleared when the estate changes), so a
        // page costs the simulator O(page), not a pass over every row of the type: the benchmark measures azsync, not this
        boolean cacheable = matching == inScope(typeName, subs);
        Matcher suffixIn = ID_SUFFIX_IN.matcher(query);
        while (suffixIn.find()) {
            boolean negated = suffixIn.group(1) != null;
            int width = Integer.parseInt(suffixIn.group(2));
            Set<String> suffixes = new java.util.HashSet<>();
            for (String v : suffixIn.group(3).split(",")) {
                suffixes.add(v.trim().replaceAll("^'|'$", ""));
            }
            List<ObjectNode> before = matching;
            java.util.function.Supplier<List<ObjectNode>> filtered =
                    () -> before.stream().filter(r -> suffixes.contains(suffix(r, width)) != negated).toList();
            matching = cacheable ? inScope.computeIfAbsent(typeName + "|" + new java.util.TreeSet<>(subs) + "|" + negated + width
                    + new java.util.TreeSet<>(suffixes), k -> filtered.get()) : filtered.get();
            cacheable = false;
        }
        Matcher keyIn = KEY_IN.matcher(query);
        while (keyIn.find()) {
            boolean negated = keyIn.group(1) != null;
            Set<String> keys = new java.util.HashSet<>();
            for (String v : keyIn.group(2).split(",")) {
                keys.add(v.trim().replaceAll("^'|'$", ""));
            }
            List<ObjectNode> before = matching;
            java.util.function.Supplier<List<ObjectNode>> filtered =
                    () -> before.stream().filter(r -> keys.contains(digitsKey(r)) != negated).toList();
            matching = cacheable ? inScope.computeIfAbsent(typeName + "|" + new java.util.TreeSet<>(subs) + "|" + negated + "digits"
                    + new java.util.TreeSet<>(keys), k -> filtered.get()) : filtered.get();
            cacheable = false;
        }
        Matcher countingByKey = COUNT_BY_KEY.matcher(query);
        Matcher counting = COUNT_BY_SUFFIX.matcher(query);
        if ((counting.find() || countingByKey.find()) && refuseCounting) {
            return Answer.status(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Please provide below info when asking for "
                    + "support\",\"details\":[{\"code\":\"InvalidQuery\",\"message\":\"Query is invalid.\"}]}}");
        }
        if (countingByKey.find(0) || counting.find(0)) {
            java.util.function.Function<JsonNode, String> key;
            if (countingByKey.find(0)) {
                key = FakeAzure::digitsKey;
            } else {
                int width = Integer.parseInt(counting.group(1));
                key = r -> suffix(r, width);
            }
            java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>();
            matching.forEach(r -> counts.merge(key.apply(r), 1L, Long::sum));
            List<ObjectNode> rows = new ArrayList<>();
            counts.forEach((k, n) -> rows.add(JSON.createObjectNode().put("k", k).put("n", n)));
            matching = rows;
        }
        Matcher take = TAKE.matcher(query);
        if (take.find()) {
            matching = matching.subList(0, Math.min(matching.size(), Integer.parseInt(take.group(1))));
        }
        JsonNode options = request.path("options");
        int top = options.path("$top").asInt(100);
        if (top > 1000) {
            return Answer.status(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"$top must be at most 1000\"}}");
        }
        int offset = 0;
        if (options.hasNonNull("$skipToken")) {
            offset = Integer.parseInt(new String(Base64.getDecoder().decode(options.get("$skipToken").asText()), StandardCharsets.UTF_8)
                    .replace("offset:", ""));
        }
        List<ObjectNode> page = matching.subList(Math.min(offset, matching.size()), Math.min(matching.size(), offset + top));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("totalRecords", matching.size());
        answer.put("count", page.size());
        answer.put("resultTruncated", "false");
        answer.putArray("facets");
        if (offset + top < matching.size()) {
            answer.put("$skipToken", Base64.getEncoder().encodeToString(("offset:" + (offset + top)).getBytes(StandardCharsets.UTF_8)));
        }
        ArrayNode data = answer.putArray("data");
        page.forEach(data::add);
        String text = answer.toString();
        churn(typeName);
        if (text.length() > payloadLimit) {
            return Answer.status(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Please provide below info when asking for "
                    + "support\",\"details\":[{\"code\":\"ResponsePayloadTooLarge\",\"message\":\"Response payload size is "
                    + text.length() + ", and has exceeded the limit of " + payloadLimit + ". Please consider querying less data at a "
                    + "time and make paginated call if needed.\"}]}}");
        }
        return new Answer(200, quotaHeaders, text);
    }

    private void churn(String type) {
        Churn c = churn.get(type);
        if (c == null) {
            return;
        }
        synchronized (churnRandom) {
            for (int i = 0; i < c.deletedPerPage(); i++) {
                List<ObjectNode> live = sortedOf(type);
                if (live.isEmpty()) {
                    break;
                }
                String id = live.get(churnRandom.nextInt(live.size())).path("id").asText();
                remove(id);
                churnRemoved.add(id);
            }
            for (int i = 0; i < c.createdPerPage(); i++) {
                ObjectNode created = c.factory().apply(c.created().incrementAndGet());
                add(created);
                churnAdded.add(created.path("id").asText());
            }
        }
    }

    /** Resources of a type in the given subscriptions, sorted by id; cached like {@link #sortedOf} so paging stays O(page). */
    private List<ObjectNode> inScope(String type, Set<String> subs) {
        List<ObjectNode> all = sortedOf(type);
        if (subs.isEmpty() && forbidden.isEmpty()) {
            return all;
        }
        return inScope.computeIfAbsent(type + "|" + new java.util.TreeSet<>(subs), k -> all.stream().filter(r -> {
            String sub = subscriptionOf(r);
            return (subs.isEmpty() || subs.contains(sub)) && !forbidden.contains(sub);
        }).toList());
    }

    private static String subscriptionOf(ObjectNode resource) {
        if (!resource.hasNonNull("id")) {
            return resource.path("subscriptionId").asText().toLowerCase(Locale.ROOT);
        }
        String id = resource.path("id").asText().toLowerCase(Locale.ROOT);
        String[] parts = id.split("/");
        return parts.length > 2 && parts[1].equals("subscriptions") ? parts[2] : "";
    }

    private static String hms(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private final java.util.concurrent.atomic.AtomicInteger gzipped = new java.util.concurrent.atomic.AtomicInteger();

    /** How many answers were sent gzip-compressed. */
    public int gzipped() {
        return gzipped.get();
    }

    /** How many answers had this status. */
    public int answered(int status) {
        return statusCounts.getOrDefault(status, new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        statusCounts.computeIfAbsent(answer.status(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        String accepts = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (gzip && bytes.length > 0 && accepts != null && accepts.toLowerCase(Locale.ROOT).contains("gzip")) {
            java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(zipped)) {
                out.write(bytes);
            }
            bytes = zipped.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            gzipped.incrementAndGet();
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static final class LoggerHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FakeAzure.class);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
