package io.azsync.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;

import io.azsync.auth.TokenProvider;
import reactor.core.publisher.Mono;

/**
 * azure-core's bearer-token policy for one audience, fed by azsync's {@link TokenProvider} (which
 * turns credential failures into advice naming the fix). On a 401 with Azure's
 * {@code WWW-Authenticate} challenge the token is dropped from every cache and a really new one
 * fetched before the request is repeated once — not the one azure-identity may still hold.
 */
final class AzureTokenPolicy extends BearerTokenAuthenticationPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(AzureHttpClient.class);

    private final TokenProvider tokens;
    private final String scope;

    AzureTokenPolicy(TokenProvider tokens, String scope) {
        super(credential(tokens, scope), scope);
        this.tokens = tokens;
        this.scope = scope;
    }

    private static TokenCredential credential(TokenProvider tokens, String scope) {
        return new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.fromCallable(() -> getTokenSync(request));
            }

            @Override
            public AccessToken getTokenSync(TokenRequestContext request) {
                return tokens.accessToken(scope);
            }
        };
    }

    /**
     * The token comes from {@link TokenProvider}, not from azure-core's own token cache: that cache
     * answers a forced refresh within 30 s of its last fetch with the token it holds, which after a
     * 401 is the refused one.
     */
    @Override
    public void authorizeRequestSync(HttpPipelineCallContext context) {
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + tokens.token(scope));
    }

    @Override
    public boolean authorizeRequestOnChallengeSync(HttpPipelineCallContext context, HttpResponse response) {
        LOG.info("{} refused the access token (401); fetching a new one", AzureCall.of(context).api);
        tokens.invalidate(scope);
        authorizeRequestSync(context);
        return true;
    }
}
