package io.azsync.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.core.SubscriptionScope;

/**
 * Runs a Resource Graph query for the stream run on the exchange and replaces the body with a lazy
 * sequence of {@link Page}s (split it with {@code streaming: true}: one exchange per page, the
 * next page fetched only when the current one was loaded).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "azure-resource-graph", title = "Azure Resource Graph",
             syntax = "azure-resource-graph:queryName", producerOnly = true, category = {Category.CLOUD})
public class ResourceGraphEndpoint extends DefaultEndpoint implements SourceEndpoint {

    /** Maximum page size Resource Graph allows. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** Subscriptions per query: Microsoft recommends batches of fewer than 300; several batches are read at once. */
    public static final int BATCH_SIZE = 299;

    @UriPath(description = "Name of the query: the file <queries dir>/<queryName>.kql")
    @Metadata(required = true)
    private String queryName;

    @UriParam(description = "Query file to use instead of <queries dir>/<queryName>.kql, relative to the working directory")
    private String queryFile;

    @UriParam(description = "subscriptions: query the subscriptions in scope (AZSYNC_SUBSCRIPTIONS, or all visible), "
            + "sent in batches of at most 1000; inventory: those plus the ones left out for their state (disabled), so each keeps "
            + "a row with its state (azure-subscriptions); tenant: query at tenant scope (e.g. management groups)",
              defaultValue = "subscriptions", enums = "subscriptions,inventory,tenant")
    private String scope = "subscriptions";

    @UriParam(description = "Records per page ($top), at most 1000", defaultValue = "1000")
    private int pageSize = MAX_PAGE_SIZE;

    @UriParam(description = "Fetch the next page in the background while the current one is mapped and loaded "
            + "(at most one page ahead, no extra requests)", defaultValue = "true")
    private boolean readAhead = true;

    @UriParam(description = "Before a row this read did not return is marked deleted, ask Resource Graph for its id again "
            + "(one query per 100 ids): a paged result shifts when resources are deleted while it is read, so a complete read "
            + "can miss live rows", defaultValue = "true")
    private boolean confirmDeletions = true;

    @UriParam(description = "Read the query through this many skip-token chains at once per subscription batch (1, 2, 4 or 8), "
            + "split by the last character of id; for a large query in one subscription, where one chain would wait on Azure's "
            + "latency page after page", defaultValue = "1", enums = "1,2,4,8")
    private int partitions = 1;

    private ResourceGraphQuery query;

    public ResourceGraphEndpoint(String uri, ResourceGraphComponent component) {
        super(uri, component);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(getEndpointUri() + ": pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (partitions != 1 && partitions != 2 && partitions != 4 && partitions != 8) {
            throw new IllegalArgumentException(getEndpointUri() + ": partitions must be 1, 2, 4 or 8");
        }
        if (!scope.equals("subscriptions") && !scope.equals("inventory") && !scope.equals("tenant")) {
            throw new IllegalArgumentException(getEndpointUri() + ": scope must be subscriptions, inventory or tenant");
        }
        Path file = queryFile != null ? Path.of(queryFile) : Path.of(getComponent().getQueriesDir()).resolve(queryName + ".kql");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(getEndpointUri() + ": query file " + file + " not found: create it, or set queryFile");
        }
        query = ResourceGraphQuery.load(file, queryName);
        if (!query.problems().isEmpty()) {
            throw new InvalidConfigurationException(query.problems());
        }
    }

    @Override
    public ResourceGraphComponent getComponent() {
        return (ResourceGraphComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ResourceGraphProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("azure-resource-graph is used with to:, not from:");
    }

    public String getQueryName() {
        return queryName;
    }

    public void setQueryName(String queryName) {
        this.queryName = queryName;
    }

    public String getQueryFile() {
        return queryFile;
    }

    public void setQueryFile(String queryFile) {
        this.queryFile = queryFile;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public boolean isConfirmDeletions() {
        return confirmDeletions;
    }

    public void setConfirmDeletions(boolean confirmDeletions) {
        this.confirmDeletions = confirmDeletions;
    }

    public boolean isReadAhead() {
        return readAhead;
    }

    public void setReadAhead(boolean readAhead) {
        this.readAhead = readAhead;
    }

    ResourceGraphQuery query() {
        return query;
    }

    /**
     * Runs this endpoint's query once for a single record, in the first subscription batch of the
     * scope: proves the token, the role assignment and the query itself.
     */
    @Override
    public String probe(AzureConnection connection, SubscriptionScope scopeOfSync) {
        ResourceGraphPager.Batches batches = "tenant".equals(scope) ? ResourceGraphPager.Batches.TENANT
                : new ResourceGraphPager.Batches(scopeOfSync.batches(MAX_PAGE_SIZE).subList(0, 1), null);
        ResourceGraphPager.over(connection, queryName, query.text(), () -> batches, 1).next();
        return "Resource Graph query " + queryName + " runs";
    }
}
