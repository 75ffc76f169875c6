package io.azsync.demo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.demo.FakeAzure.Answer;

/**
 * The Microsoft Graph part of the fake: users, groups (with members) and devices, as plain lists
 * ({@code $top}) and as delta queries with {@code $skiptoken} pages and {@code $deltatoken} links.
 * It returns only the {@code $select}ed fields; an incremental answer carries a changed object with
 * only its changed fields, a deleted one as {@code @removed}, and membership changes in
 * {@code members@delta}, as Graph does. Tokens can be expired (410).
 */
public final class FakeGraph {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Change(int version, String id, Set<String> fields, boolean removed) {
    }

    private record MemberChange(int version, String groupId, String memberId, String type, boolean removed) {
    }

    private final String baseUrl;
    private final AtomicInteger version = new AtomicInteger(1);
    private final Map<String, Map<String, ObjectNode>> objects = new ConcurrentHashMap<>();
    private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> members = new ConcurrentHashMap<>();
    private final List<MemberChange> memberChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private volatile int expiredBefore;

    FakeGraph(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    // ---------------------------------------------------------------- content

    /** Adds or replaces an object of a collection (users, groups, devices); every field counts as changed. */
    public FakeGraph put(String collection, ObjectNode object) {
        String id = object.path("id").asText();
        Map<String, ObjectNode> map = objects.computeIfAbsent(collection, c -> new ConcurrentHashMap<>());
        ObjectNode previous = map.put(id, object.deepCopy());
        Set<String> fields = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(fields::add);
        if (previous != null) {
            fields.removeIf(f -> previous.path(f).equals(object.path(f)));
        }
        log(collection, new Change(version.incrementAndGet(), id, fields, false));
        return this;
    }

    /** Changes some fields of an existing object. */
    public FakeGraph update(String collection, String id, Map<String, Object> fields) {
        ObjectNode object = objects.get(collection).get(id).deepCopy();
        fields.forEach((k, v) -> object.set(k, JSON.valueToTree(v)));
        return put(collection, object);
    }

    public FakeGraph delete(String collection, String id) {
        objects.getOrDefault(collection, Map.of()).remove(id);
        log(collection, new Change(version.incrementAndGet(), id, Set.of(), true));
        if (collection.equals("groups")) {
            members.remove(id);
        }
        return this;
    }

    public FakeGraph addMember(String groupId, String memberId, String type) {
        members.computeIfAbsent(groupId, g -> new ConcurrentHashMap<>()).put(memberId, type);
        memberChanges.add(new MemberChange(version.incrementAndGet(), groupId, memberId, type, false));
        return this;
    }

    public FakeGraph removeMember(String groupId, String memberId) {
        String type = members.getOrDefault(groupId, Map.of()).remove(memberId);
        memberChanges.add(new MemberChange(version.incrementAndGet(), groupId, memberId, type, true));
        return this;
    }

    /** Delta tokens issued so far answer 410, as when Graph's change history expired. */
    /**
     * Directory reads are eventually consistent: the next full listing of {@code collection} (a
     * full delta read) leaves this object out, as a lagging replica would; reading it by id finds it.
     */
    public FakeGraph lagOnce(String collection, String id) {
        lagging.add(collection + "/" + id);
        return this;
    }

    private final Set<String> lagging = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile int membersPerCopy = Integer.MAX_VALUE;

    /**
     * A full read sends a group with more members than this more than once, as Graph does with large
     * groups: the first copy with its properties and the first members, the next copies with only
     * {@code id} and the next members.
     */
    public FakeGraph membersPerCopy(int members) {
        this.membersPerCopy = members;
        return this;
    }

    public void expireDeltaTokens() {
        expiredBefore = version.incrementAndGet();
    }

    /** The collection answers 403 Authorization_RequestDenied, as without its application permission. */
    public void deny(String collection) {
        denied.add(collection);
    }

    private void log(String collection, Change change) {
        changes.computeIfAbsent(collection, c -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(change);
    }

    // ---------------------------------------------------------------- HTTP

    Answer handle(String method, URI uri, Map<String, List<String>> headers) {
        String path = uri.getPath().substring("/v1.0/".length());
        boolean delta = path.endsWith("/delta");
        String collection = delta ? path.substring(0, path.length() - "/delta".length()) : path;
        if (denied.contains(collection)) {
            return Answer.status(403, "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to "
                    + "complete the operation.\"}}");
        }
        Map<String, String> query = query(uri.getRawQuery());
        if (query.containsKey("$top") && Integer.parseInt(query.get("$top")) > 999) {
            return Answer.status(400, "{\"error\":{\"code\":\"Request_BadRequest\",\"message\":\"Invalid page size specified: '"
                    + query.get("$top") + "'. Must be between 1 and 999 inclusive.\"}}");
        }
        int pageSize = pageSize(query, headers);
        if (!delta) {
            return list(collection, query, pageSize);
        }
        if (query.containsKey("$deltatoken")) {
            String[] state = decode(query.get("$deltatoken"));
            int since = Integer.parseInt(state[0]);
            if (since < expiredBefore) {
                return Answer.status(410, "{\"error\":{\"code\":\"resyncRequired\",\"message\":\"Resync required. Replace any local "
                        + "cached copy of the collection with the data from a new full sync.\"}}");
            }
            return deltaPage(collection, select(state[1]), since, version.get(), 0, pageSize);
        }
        if (query.containsKey("$skiptoken")) {
            String[] state = decode(query.get("$skiptoken"));
            return deltaPage(collection, select(state[1]), Integer.parseInt(state[0]), Integer.parseInt(state[2]),
                    Integer.parseInt(state[3]), pageSize);
        }
        String select = query.getOrDefault("$select", "");
        return deltaPage(collection, select(select), 0, version.get(), 0, pageSize);
    }

    private Answer list(String collection, Map<String, String> query, int pageSize) {
        Set<String> select = select(query.getOrDefault("$select", ""));
        List<ObjectNode> all = new ArrayList<>(objects.getOrDefault(collection, Map.of()).values());
        String filter = query.get("$filter");
        if (filter != null) {
            // only what azsync asks: id in ('a', 'b', ...), at most 15 values as Graph allows
            java.util.regex.Matcher in = java.util.regex.Pattern.compile("^id in \\((.*)\\)$").matcher(filter.trim());
            if (!in.matches()) {
                return Answer.status(400, "{\"error\":{\"code\":\"Request_UnsupportedQuery\",\"message\":\"Unsupported query.\"}}");
            }
            Set<String> ids = new HashSet<>();
            for (String v : in.group(1).split(",")) {
                ids.add(v.trim().replaceAll("^'|'$", "").toLowerCase(java.util.Locale.ROOT));
            }
            if (ids.size() > 15) {
                return Answer.status(400, "{\"error\":{\"code\":\"Request_UnsupportedQuery\",\"message\":\"Too many child clauses "
                        + "specified in search filter expression containing 'OR' operators: " + ids.size() + ". Max allowed: 15.\"}}");
            }
            all.removeIf(o -> !ids.contains(o.path("id").asText().toLowerCase(java.util.Locale.ROOT)));
        }
        all.sort(java.util.Comparator.comparing(o -> o.path("id").asText()));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        all.stream().limit(pageSize).forEach(o -> value.add(project(o, select, null)));
        return new Answer(200, Map.of(), answer.toString());
    }

    /**
     * One page of a delta query: since version 0 everything that exists (a full sync); otherwise the
     * latest change of each object after {@code since}, up to the snapshot version.
     */
    private Answer deltaPage(String collection, Set<String> select, int since, int snapshot, int offset, int pageSize) {
        List<ObjectNode> items = new ArrayList<>();
        boolean withMembers = select.contains("members");
        if (since == 0) {
            List<ObjectNode> all = new ArrayList<>(objects.getOrDefault(collection, Map.of()).values());
            all.sort(java.util.Comparator.comparing(o -> o.path("id").asText()));
            for (ObjectNode o : all) {
                if (lagging.remove(collection + "/" + o.path("id").asText())) {
                    continue;
                }
                ObjectNode item = project(o, select, null);
                if (withMembers) {
                    ArrayNode list = item.putArray("members@delta");
                    items.add(item);
                    for (Map.Entry<String, String> m : new java.util.TreeMap<>(members.getOrDefault(o.path("id").asText(), Map.of())).entrySet()) {
                        if (list.size() == membersPerCopy) {
                            ObjectNode copy = JSON.createObjectNode().put("id", o.path("id").asText());
                            list = copy.putArray("members@delta");
                            items.add(copy);
                        }
                        list.addObject().put("@odata.type", "#microsoft.graph." + m.getValue()).put("id", m.getKey());
                    }
                    continue;
                }
                items.add(item);
            }
        } else {
            Map<String, Change> latest = new LinkedHashMap<>();
            Map<String, Set<String>> changedFields = new LinkedHashMap<>();
            for (Change c : changes.getOrDefault(collection, List.of())) {
                if (c.version() > since && c.version() <= snapshot) {
                    latest.put(c.id(), c);
                    changedFields.computeIfAbsent(c.id(), k -> new HashSet<>()).addAll(c.fields());
                }
            }
            Map<String, ArrayNode> memberDeltas = new LinkedHashMap<>();
            if (withMembers) {
                for (MemberChange m : memberChanges) {
                    if (m.version() > since && m.version() <= snapshot) {
                        ObjectNode entry = memberDeltas.computeIfAbsent(m.groupId(), g -> JSON.createArrayNode()).addObject();
                        entry.put("@odata.type", "#microsoft.graph." + (m.type() == null ? "user" : m.type())).put("id", m.memberId());
                        if (m.removed()) {
                            entry.putObject("@removed").put("reason", "deleted");
                        }
                    }
                }
            }
            for (Change c : latest.values()) {
                if (c.removed()) {
                    ObjectNode removed = JSON.createObjectNode().put("id", c.id());
                    removed.putObject("@removed").put("reason", "changed");
                    items.add(removed);
                    memberDeltas.remove(c.id());
                } else {
                    ObjectNode current = objects.getOrDefault(collection, Map.of()).get(c.id());
                    if (current != null) {
                        ObjectNode item = project(current, select, changedFields.get(c.id()));
                        if (memberDeltas.containsKey(c.id())) {
                            item.set("members@delta", memberDeltas.remove(c.id()));
                        }
                        if (item.size() > 1) {
                            items.add(item);
                        }
                    }
                }
            }
            memberDeltas.forEach((groupId, list) -> {
                ObjectNode item = JSON.createObjectNode().put("id", groupId);
                item.set("members@delta", list);
                items.add(item);
            });
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("@odata.context", baseUrl + "/v1.0/$metadata#" + collection);
        ArrayNode value = answer.putArray("value");
        int end = Math.min(items.size(), offset + pageSize);
        items.subList(Math.min(offset, items.size()), end).forEach(value::add);
        String selectText = String.join(",", select);
        String link = baseUrl + "/v1.0/" + collection + "/delta?";
        if (end < items.size()) {
            answer.put("@odata.nextLink", link + "$skiptoken=" + encode(since + "|" + selectText + "|" + snapshot + "|" + end));
        } else {
            answer.put("@odata.deltaLink", link + "$deltatoken=" + encode(snapshot + "|" + selectText));
        }
        return new Answer(200, Map.of(), answer.toString());
    }

    /** The object with only the selected fields (and, for an incremental answer, only the changed ones). */
    private static ObjectNode project(ObjectNode object, Set<String> select, Set<String> changedOnly) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", object.get("id"));
        object.fields().forEachRemaining(f -> {
            boolean selected = select.isEmpty() ? DEFAULT_FIELDS.contains(f.getKey()) : select.contains(f.getKey());
            if (selected && !f.getKey().equals("id") && (changedOnly == null || changedOnly.contains(f.getKey()))) {
                out.set(f.getKey(), f.getValue());
            }
        });
        return out;
    }

    /** Without $select Graph returns a default set, which leaves out fields such as accountEnabled. */
    private static final Set<String> DEFAULT_FIELDS = Set.of("displayName", "mail", "userPrincipalName", "jobTitle");

    private static int pageSize(Map<String, String> query, Map<String, List<String>> headers) {
        if (query.containsKey("$top")) {
            return Integer.parseInt(query.get("$top"));
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Prefer")) {
                for (String v : h.getValue()) {
                    if (v.startsWith("odata.maxpagesize=")) {
                        return Math.min(999, Integer.parseInt(v.substring("odata.maxpagesize=".length())));
                    }
                }
            }
        }
        return 100;
    }

    private static Set<String> select(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String encode(String state) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(state.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
    }

    // ---------------------------------------------------------------- builders

    public static ObjectNode user(String id, String upn, String displayName, boolean enabled) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id);
        u.put("userPrincipalName", upn);
        u.put("displayName", displayName);
        u.put("mail", upn.contains("#EXT#") ? null : upn);
        u.put("accountEnabled", enabled);
        u.put("userType", upn.contains("#EXT#") ? "Guest" : "Member");
        u.put("createdDateTime", "2024-05-06T07:08:09Z");
        u.put("jobTitle", "Engineer");
        u.put("department", "Security");
        u.put("givenName", "not selected");
        return u;
    }

    public static ObjectNode group(String id, String displayName) {
        ObjectNode g = JSON.createObjectNode();
        g.put("id", id);
        g.put("displayName", displayName);
        g.put("mailEnabled", false);
        g.put("securityEnabled", true);
        g.putArray("groupTypes");
        g.put("createdDateTime", "2023-01-02T03:04:05Z");
        return g;
    }

    public static ObjectNode device(String id, String deviceId, String displayName, boolean enabled) {
        ObjectNode d = JSON.createObjectNode();
        d.put("id", id);
        d.put("deviceId", deviceId);
        d.put("displayName", displayName);
        d.put("operatingSystem", "Windows");
        d.put("operatingSystemVersion", "10.0.22631.4460");
        d.put("accountEnabled", enabled);
        d.put("trustType", "AzureAd");
        d.put("isCompliant", true);
        d.put("isManaged", true);
        d.put("approximateLastSignInDateTime", "2026-11-20T10:00:00Z");
        d.put("registrationDateTime", "2025-01-01T00:00:00Z");
        return d;
    }

    /**
     * A service principal with one client secret (password credential) ending at {@code secretEnds}:
     * as Graph returns it, the secret's value is not there (secretText null), its hint is.
     */
    public static ObjectNode servicePrincipal(String id, String appId, String displayName, java.time.Instant secretEnds) {
        ObjectNode sp = JSON.createObjectNode();
        sp.put("id", id);
        sp.put("appId", appId);
        sp.put("displayName", displayName);
        sp.put("appDisplayName", displayName);
        sp.put("servicePrincipalType", "Application");
        sp.put("appOwnerOrganizationId", FakeAzure.TENANT);
        sp.put("accountEnabled", true);
        sp.putArray("servicePrincipalNames").add(appId);
        sp.putArray("tags");
        sp.putArray("keyCredentials");
        credential(sp.putArray("passwordCredentials"), id, secretEnds);
        return sp;
    }

    /** An application registration with one client secret ending at {@code secretEnds} and one certificate. */
    public static ObjectNode application(String id, String appId, String displayName, java.time.Instant secretEnds) {
        ObjectNode app = JSON.createObjectNode();
        app.put("id", id);
        app.put("appId", appId);
        app.put("displayName", displayName);
        app.put("publisherDomain", "contoso.example");
        app.put("signInAudience", "AzureADMyOrg");
        app.put("createdDateTime", "2025-02-03T04:05:06Z");
        app.putArray("tags");
        credential(app.putArray("passwordCredentials"), id, secretEnds);
        app.putArray("keyCredentials").addObject().put("keyId", java.util.UUID.nameUUIDFromBytes((id + "cert").getBytes()).toString())
                .put("displayName", "CN=" + displayName).put("type", "AsymmetricX509Cert").put("usage", "Verify")
                .put("startDateTime", "2025-01-01T00:00:00Z").put("endDateTime", "2027-01-01T00:00:00Z")
                .put("key", "MIIC-public-certificate-bytes");
        return app;
    }

    private static void credential(com.fasterxml.jackson.databind.node.ArrayNode into, String ownerId, java.time.Instant ends) {
        into.addObject().put("keyId", java.util.UUID.nameUUIDFromBytes(ownerId.getBytes()).toString()).put("displayName", "ci secret")
                .put("hint", "Qx7").putNull("secretText").put("startDateTime", "2025-01-01T00:00:00Z").put("endDateTime", ends.toString());
    }

}
