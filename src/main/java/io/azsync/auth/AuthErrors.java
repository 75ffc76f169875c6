package io.azsync.auth;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import com.azure.identity.CredentialUnavailableException;

/**
 * Turns token failures into messages that name the cause and the fix. Entra ID's AADSTS codes are
 * matched first; network and TLS failures next. The original message is not repeated verbatim
 * beyond its first line, so nothing the credential was built with can leak.
 */
public final class AuthErrors {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    private static final Map<String, String> ADVICE = new LinkedHashMap<>();

    static {
        ADVICE.put("7000215", "the client secret is wrong: use the secret's Value, not its ID (App registrations > Certificates & secrets), in AZURE_CLIENT_SECRET");
        ADVICE.put("7000222", "the client secret has expired: create a new secret in App registrations > Certificates & secrets and update AZURE_CLIENT_SECRET");
        ADVICE.put("700016", "the application was not found in this tenant: check AZURE_CLIENT_ID (Application (client) ID) and AZURE_TENANT_ID, and that the app is registered or consented in that tenant");
        ADVICE.put("90002", "the tenant was not found: check AZURE_TENANT_ID (Directory (tenant) ID) and AZSYNC_CLOUD");
        ADVICE.put("900023", "AZURE_TENANT_ID is not a valid tenant id: use the Directory (tenant) ID GUID or the tenant's domain name");
        ADVICE.put("7000218", "the sign-in needs a client secret or certificate: for username/password sign-in enable 'Allow public client flows' (App registration > Authentication), or use a service principal with AZURE_CLIENT_SECRET");
        ADVICE.put("50126", "the username or password is wrong: check AZURE_USERNAME and AZURE_PASSWORD");
        ADVICE.put("50034", "the user does not exist in this tenant: check AZURE_USERNAME and AZURE_TENANT_ID");
        ADVICE.put("50076", "the user must use multi-factor authentication, which username/password sign-in cannot do: use a service principal (AZURE_CLIENT_ID + AZURE_CLIENT_SECRET)");
        ADVICE.put("50079", "the user must register for multi-factor authentication: use a service principal (AZURE_CLIENT_ID + AZURE_CLIENT_SECRET)");
        ADVICE.put("700027", "the client certificate is not registered for this application or its signature is invalid: upload its public key in App registrations > Certificates & secrets");
        ADVICE.put("53003", "a Conditional Access policy blocked the sign-in: ask an administrator to exclude the service principal or its location");
        ADVICE.put("65001", "the application has no consent in this tenant: have an administrator grant admin consent");
        ADVICE.put("500011", "the resource (API) was not found in the tenant: check AZSYNC_ARM_ENDPOINT / AZSYNC_GRAPH_ENDPOINT and AZSYNC_CLOUD");
    }

    private AuthErrors() {
    }

    public static AzureAuthException translate(Throwable error, String authorityHost) {
        return translate(error, authorityHost, null);
    }

    /**
     * @param credential what the credential is (see {@code CredentialFactory.describe}); a managed
     *                   identity that is not there gets its own advice
     */
    public static AzureAuthException translate(Throwable error, String authorityHost, String credential) {
        if (error instanceof AzureAuthException a) {
            return a;
        }
        String text = allMessages(error);
        Matcher m = AADSTS.matcher(text);
        if (m.find()) {
            String code = m.group(1);
            String advice = ADVICE.getOrDefault(code, "Entra ID refused the sign-in: look up AADSTS" + code
                    + " at https://login.microsoftonline.com/error?code=" + code);
            return new AzureAuthException("AADSTS" + code, "Authentication failed (AADSTS" + code + "): " + advice);
        }
        Throwable root = rootCause(error);
        // MSAL wraps I/O failures in its own exceptions, sometimes only by text
        boolean tls = root instanceof SSLException || text.contains("SSLHandshakeException") || text.contains("PKIX path");
        boolean unreachable = root instanceof UnknownHostException || root instanceof ConnectException
                || root instanceof HttpTimeoutException || text.contains("UnknownHostException") || text.contains("ConnectException");
        if (tls) {
            return new AzureAuthException("Authentication failed: the TLS certificate of " + authorityHost + " is not trusted ("
                    + firstLine(root.getMessage()) + "): if a proxy re-signs TLS, import its CA into a trust store and start "
                    + "java with -Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=...");
        }
        if (unreachable) {
            return new AzureAuthException("Authentication failed: cannot reach the login endpoint " + authorityHost + " ("
                    + root.getClass().getSimpleName() + "): check the network, the proxy, and AZSYNC_CLOUD / AZURE_AUTHORITY_HOST");
        }
        if (error instanceof CredentialUnavailableException || root instanceof CredentialUnavailableException
                || "managed identity".equals(credential)) {
            return new AzureAuthException("No Azure credential is available (no client secret, certificate or user is set, "
                    + "and managed identity answered: " + firstLine(root.getMessage() == null ? error.getMessage() : root.getMessage())
                    + "): set "
                    + "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), or run where a managed identity is assigned");
        }
        return new AzureAuthException("Authentication failed: " + firstLine(error.getMessage())
                + ": check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate");
    }

    private static String allMessages(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof SSLException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        String line = nl >= 0 ? message.substring(0, nl) : message;
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
