package io.azsync.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import com.azure.core.exception.ClientAuthenticationException;

class AuthErrorsTest {

    static AzureAuthException translate(Throwable t) {
        return AuthErrors.translate(t, "https://login.microsoftonline.com/");
    }

    @Test
    void aadstsCodesMapToTheirFix() {
        AzureAuthException e = translate(new ClientAuthenticationException(
                "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", null));
        assertEquals("AADSTS7000218", e.code());
        assertTrue(e.getMessage().contains("enable 'Allow public client flows'"), e.getMessage());
        assertTrue(translate(new RuntimeException("x", new RuntimeException("AADSTS7000222: expired"))).getMessage()
                .contains("the client secret has expired"));
        assertTrue(translate(new RuntimeException("AADSTS123456: new")).getMessage().contains("error?code=123456"));
    }

    @Test
    void networkAndTlsFailuresNameTheLoginHost() {
        assertTrue(translate(new RuntimeException("boom", new UnknownHostException("login.microsoftonline.com"))).getMessage()
                .contains("cannot reach the login endpoint https://login.microsoftonline.com/"));
        assertTrue(translate(new RuntimeException("boom", new SSLHandshakeException("PKIX path building failed"))).getMessage()
                .contains("-Djavax.net.ssl.trustStore"));
        assertTrue(translate(new RuntimeException("com.microsoft.aad.msal4j.MsalClientException: java.io.UncheckedIOException: "
                + "java.net.ConnectException")).getMessage().contains("cannot reach the login endpoint"));
    }
}
