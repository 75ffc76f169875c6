package io.azsync.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;

import io.azsync.auth.CredentialFactory;
import io.azsync.auth.TokenProvider;
import io.azsync.config.Settings;
import io.azsync.run.Failures;
import io.azsync.source.SourceEndpoint;
import io.azsync.source.SubscriptionLister;
import io.azsync.core.SubscriptionScope;

/**
 * test-connection: authenticates, lists the subscriptions the principal can see (and checks an
 * explicit scope against them), then runs each enabled stream's source query for one record.
 * Each probe reports the cause and the fix when it fails.
 */
public final class ConnectionTester {

    private final AzsyncRuntime runtime;
    private final ConnectorContext connector;

    public ConnectionTester(AzsyncRuntime runtime, ConnectorContext connector) {
        this.runtime = runtime;
        this.connector = connector;
    }

    public List<ProbeResult> run(List<String> streams) {
        Settings settings = connector.settings();
        List<ProbeResult> results = new ArrayList<>();
        String armScope = TokenProvider.scopeOf(settings.armEndpoint());
        try {
            connector.connection().http().tokens().token(armScope);
            results.add(new ProbeResult("authentication", true, "token for " + armScope + " with the "
                    + CredentialFactory.describe(settings)));
        } catch (RuntimeException e) {
            results.add(new ProbeResult("authentication", false, Failures.message(e)));
            return results;
        }
        SubscriptionScope scope = connector.newScope();
        try {
            List<String> visible = new SubscriptionLister(connector.connection().http(), settings.armEndpoint()).list().stream()
                    .map(String::toLowerCase).toList();
            if (scope.isListed()) {
                Set<String> missing = new TreeSet<>(scope.subscriptionIds());
                missing.removeAll(visible);
                results.add(missing.isEmpty()
                        ? new ProbeResult("subscriptions", true, scope.subscriptionIds().size() + " subscription(s) in AZSYNC_SUBSCRIPTIONS, all visible")
                        : new ProbeResult("subscriptions", false, "not visible to the principal: " + String.join(", ", missing)
                                + ": assign it the Reader role there (az role assignment create --assignee $AZURE_CLIENT_ID "
                                + "--role Reader --scope /subscriptions/<id>) or remove them from AZSYNC_SUBSCRIPTIONS"));
            } else {
                results.add(new ProbeResult("subscriptions", true, visible.size() + " subscription(s) visible"));
            }
        } catch (RuntimeException e) {
            results.add(new ProbeResult("subscriptions", false, Failures.message(e)));
            return results;
        }
        for (String stream : streams) {
            for (SourceEndpoint endpoint : sourceEndpoints(runtime.camel(), stream)) {
                try {
                    results.add(new ProbeResult(stream, true, endpoint.probe(connector.connection(), scope)));
                } catch (RuntimeException e) {
                    results.add(new ProbeResult(stream, false, Failures.message(e)));
                }
            }
        }
        return results;
    }

    /** The Azure source endpoints a stream route sends to. */
    static List<SourceEndpoint> sourceEndpoints(CamelContext camel, String routeId) {
        RouteDefinition route = ((ModelCamelContext) camel).getRouteDefinition(routeId);
        List<SourceEndpoint> out = new ArrayList<>();
        if (route != null) {
            collect(camel, route.getOutputs(), route.getTemplateParameters(), out);
        }
        return out;
    }

    /** @param parameters a templated route's parameters, which its definition's URIs still name as {{name}} */
    private static void collect(CamelContext camel, List<ProcessorDefinition<?>> outputs, java.util.Map<String, Object> parameters,
                                List<SourceEndpoint> out) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof ToDefinition to && to.getEndpointUri() != null) {
                String uri = to.getEndpointUri();
                if (parameters != null) {
                    for (java.util.Map.Entry<String, Object> parameter : parameters.entrySet()) {
                        uri = uri.replace("{{" + parameter.getKey() + "}}", String.valueOf(parameter.getValue()));
                    }
                }
                if (camel.getEndpoint(uri) instanceof SourceEndpoint source) {
                    out.add(source);
                }
            }
            collect(camel, p.getOutputs(), parameters, out);
        }
    }
}
