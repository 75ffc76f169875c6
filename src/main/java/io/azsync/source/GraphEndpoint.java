package io.azsync.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import io.azsync.auth.TokenProvider;
import io.azsync.core.StartPosition;
import io.azsync.core.StreamProgress;

/**
 * Reads a Microsoft Graph collection ({@code GET {graph}/v1.0/RESOURCE}, or {@code RESOURCE/delta})
 * for the stream run on the exchange and replaces the body with a lazy sequence of {@link Page}s.
 * {@code $select} lists only the fields the transform map reads (Graph leaves most fields out unless
 * selected); pages are 999 records, the most Graph allows.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "msgraph", title = "Microsoft Graph", syntax = "msgraph:resource",
             producerOnly = true, category = {Category.CLOUD})
public class GraphEndpoint extends DefaultEndpoint implements SourceEndpoint {

    /** Largest page Graph serves. */
    public static final int MAX_PAGE_SIZE = 999;

    private static final Map<String, String> PERMISSIONS = Map.of("users", "User.Read.All", "groups", "Group.Read.All",
            "devices", "Device.Read.All");

    @UriPath(description = "Collection under /v1.0, e.g. users, groups, devices")
    @Metadata(required = true)
    private String resource;

    @UriParam(description = "Use the delta query (RESOURCE/delta): the first run reads everything and stores the deltaLink, "
            + "later runs read only changes", defaultValue = "false")
    private boolean delta;

    @UriParam(description = "Transform maps (comma-separated) whose paths decide $select (the first segment of each path; "
                            + "'members@delta' selects members)")
    private String map;

    @UriParam(description = "Comma-separated $select, instead of deriving it from the map")
    private String select;

    @UriParam(description = "Records per page: $top (or Prefer: odata.maxpagesize for delta queries), at most 999", defaultValue = "999")
    private int pageSize = MAX_PAGE_SIZE;

    @UriParam(description = "Fetch the next page in the background while the current one is mapped and loaded "
            + "(at most one page ahead, no extra requests)", defaultValue = "true")
    private boolean readAhead = true;

    @UriParam(description = "The application permission reading RESOURCE needs, named in errors and by test-connection; "
            + "default User.Read.All for users, Group.Read.All for groups, Device.Read.All for devices")
    private String permission;

    @UriParam(description = "Before a row a full read did not return is marked deleted, ask Graph for its id again "
            + "($filter=id in (...), 15 ids a request): directory reads are eventually consistent, so a listing can leave out an "
            + "object that exists", defaultValue = "true")
    private boolean confirmDeletions = true;

    private String selectList;

    /**
     * Fields Graph returns only in a delta answer ({@code members@delta}): not asked for when
     * absences are confirmed through the collection itself.
     */
    private static final java.util.Set<String> DELTA_ONLY = java.util.Set.of("members", "owners");

    public GraphEndpoint(String uri, GraphComponent component) {
        super(uri, component);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(getEndpointUri() + ": pageSize must be between 1 and " + MAX_PAGE_SIZE
                    + " (Graph answers 400 above 999)");
        }
        if (!resource.matches("[A-Za-z0-9/._-]+")) {
            throw new IllegalArgumentException(getEndpointUri() + ": '" + resource + "' is not a Graph collection path");
        }
        if (select != null) {
            selectList = String.join(",", new TreeSet<>(Arrays.stream(select.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()));
        } else if (map != null) {
            java.util.SortedSet<String> fields = new TreeSet<>();
            for (String name : Arrays.stream(map.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()) {
                java.util.SortedSet<String> of = getComponent().getSourceFields() == null ? null : getComponent().getSourceFields().of(name);
                if (of == null) {
                    throw new IllegalArgumentException(getEndpointUri() + ": no transform map " + name + ".yaml to derive $select from");
                }
                fields.addAll(of);
            }
            selectList = String.join(",", fields);
        }
        if (permission == null || permission.isBlank()) {
            permission = PERMISSIONS.getOrDefault(resource.split("/")[0], "the Microsoft Graph permission that allows reading " + resource);
        }
    }

    @Override
    public GraphComponent getComponent() {
        return (GraphComponent) super.getComponent();
    }

    /** The URL a full read starts from. */
    String fullUrl(String graphEndpoint) {
        return fullUrl(graphEndpoint, pageSize);
    }

    private String fullUrl(String graphEndpoint, int top) {
        String base = graphEndpoint + "/v1.0/" + resource + (delta ? "/delta" : "");
        StringBuilder query = new StringBuilder();
        if (selectList != null && !selectList.isEmpty()) {
            query.append("$select=").append(URLEncoder.encode(selectList, StandardCharsets.UTF_8).replace("%2C", ","));
        }
        if (!delta) {
            query.append(query.length() == 0 ? "" : "&").append("$top=").append(top);
        }
        return query.length() == 0 ? base : base + "?" + query;
    }

    /**
     * What the stored delta link was made by: the request, and the transform maps' mapping of what it reads (a map
     * edited since, even one that asks for the same fields, must see every record again). A different one means a
     * full sync.
     */
    String fingerprint() {
        StringBuilder mappings = new StringBuilder();
        if (select == null && map != null && getComponent().getSourceFields() != null) {
            for (String name : Arrays.stream(map.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()) {
                String mapping = getComponent().getSourceFields().mapping(name);
                mappings.append(mappings.length() == 0 ? "#maps=" : ",").append(mapping == null ? "" : mapping);
            }
        }
        return resource + (delta ? "/delta" : "") + "?$select=" + (selectList == null ? "" : selectList) + mappings;
    }

    GraphPager pager(AzureConnection connection, String stream, StartPosition start, int size) {
        String graph = connection.graphEndpoint();
        return new GraphPager(connection.http(), TokenProvider.scopeOf(graph), resource, fullUrl(graph), fingerprint(), delta, size,
                permission, stream, start);
    }

    /** Asks the collection for ids a full read did not return. */
    GraphPresence presence(AzureConnection connection) {
        String fields = selectList == null ? null : Arrays.stream(selectList.split(",")).filter(f -> !DELTA_ONLY.contains(f))
                .collect(java.util.stream.Collectors.joining(","));
        return new GraphPresence(connection, resource, fields);
    }

    public boolean isConfirmDeletions() {
        return confirmDeletions;
    }

    public void setConfirmDeletions(boolean confirmDeletions) {
        this.confirmDeletions = confirmDeletions;
    }

    /** Sends the stream's own request for a single record, proving the token and the permission it needs. */
    @Override
    public String probe(AzureConnection connection, io.azsync.core.SubscriptionScope scope) {
        new GraphPager(connection.http(), TokenProvider.scopeOf(connection.graphEndpoint()), resource, fullUrl(connection.graphEndpoint(), 1),
                fingerprint(), delta, 1, permission, "probe", StartPosition.FULL).next();
        return "Microsoft Graph " + resource + " readable (" + permission + ")";
    }

    @Override
    public Producer createProducer() {
        return new GraphProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("msgraph is used with to:, not from:");
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getResource() {
        return resource;
    }

    public boolean isDelta() {
        return delta;
    }

    public void setDelta(boolean delta) {
        this.delta = delta;
    }

    public String getMap() {
        return map;
    }

    public void setMap(String map) {
        this.map = map;
    }

    public String getSelect() {
        return select;
    }

    public void setSelect(String select) {
        this.select = select;
    }

    public boolean isReadAhead() {
        return readAhead;
    }

    public void setReadAhead(boolean readAhead) {
        this.readAhead = readAhead;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public String getPermission() {
        return permission;
    }

    public void setPermission(String permission) {
        this.permission = permission;
    }

    List<String> selectFields() {
        return selectList == null ? List.of() : List.of(selectList.split(","));
    }
}
