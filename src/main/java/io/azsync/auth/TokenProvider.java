package io.azsync.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;

/**
 * Access tokens per audience ({@code <endpoint>/.default}), fetched through azure-identity and
 * reused until two minutes before they expire. {@link #invalidate} drops a token the API refused.
 */
public final class TokenProvider {

    private static final Duration EARLY_REFRESH = Duration.ofMinutes(2);

    private final Supplier<TokenCredential> credentialSupplier;
    private TokenCredential credential;
    private final String authorityHost;
    private final String credentialKind;
    private final Clock clock;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    /** The credential is built on first use, so commands that never call Azure never need one. */
    public TokenProvider(Supplier<TokenCredential> credential, String authorityHost) {
        this(credential, authorityHost, null, Clock.systemUTC());
    }

    /** @param credentialKind what the credential is, for error advice (e.g. "managed identity") */
    public TokenProvider(Supplier<TokenCredential> credential, String authorityHost, String credentialKind) {
        this(credential, authorityHost, credentialKind, Clock.systemUTC());
    }

    TokenProvider(Supplier<TokenCredential> credential, String authorityHost, String credentialKind, Clock clock) {
        this.credentialKind = credentialKind;
        this.credentialSupplier = credential;
        this.authorityHost = authorityHost;
        this.clock = clock;
    }

    /** The scope for an endpoint: {@code https://management.azure.com} → {@code https://management.azure.com/.default}. */
    public static String scopeOf(String endpoint) {
        return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + ".default";
    }

    /** A valid token for the scope; throws {@link AzureAuthException} naming the cause and fix. */
    public String token(String scope) {
        return accessToken(scope).getToken();
    }

    /** As {@link #token}, with its expiry. */
    public AccessToken accessToken(String scope) {
        AccessToken cached = tokens.get(scope);
        if (cached != null && cached.getExpiresAt().isAfter(OffsetDateTime.now(clock).plus(EARLY_REFRESH))) {
            return cached;
        }
        synchronized (this) {
            cached = tokens.get(scope);
            if (cached != null && cached.getExpiresAt().isAfter(OffsetDateTime.now(clock).plus(EARLY_REFRESH))) {
                return cached;
            }
            AccessToken fresh;
            try {
                if (credential == null) {
                    credential = credentialSupplier.get();
                }
                fresh = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
            } catch (RuntimeException e) {
                throw AuthErrors.translate(e, authorityHost, credentialKind);
            }
            if (fresh == null) {
                throw new AzureAuthException("Authentication failed: the credential returned no token for " + scope);
            }
            tokens.put(scope, fresh);
            return fresh;
        }
    }

    /** Forgets the cached token of a scope, e.g. after the API answered 401. */
    public void invalidate(String scope) {
        tokens.remove(scope);
    }
}
