package io.azsync.auth;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.UsernamePasswordCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;

import io.azsync.config.Cloud;
import io.azsync.config.Settings;

/**
 * Builds the azure-identity credential from settings, following azure-identity's own environment
 * conventions: a client secret, else a client certificate, else username and password, else
 * workload identity (a federated token file), else managed identity.
 * <p>
 * All token requests go through the JDK HTTP client, which honours the JVM's trust store settings
 * ({@code javax.net.ssl.trustStore}). Instance discovery is turned off for login hosts that are not
 * one of the Azure clouds (Azure Stack, ADFS, or a test endpoint), since it would ask the public
 * cloud about them.
 */
public final class CredentialFactory {

    private CredentialFactory() {
    }

    /** Which kind of credential the settings select, for messages and test-connection. */
    public static String describe(Settings settings) {
        if (settings.find(Settings.AZURE_CLIENT_SECRET).isPresent()) {
            return "client secret of application " + settings.find(Settings.AZURE_CLIENT_ID).orElse("(AZURE_CLIENT_ID not set)");
        }
        if (settings.find(Settings.AZURE_CLIENT_CERTIFICATE_PATH).isPresent() || settings.find(Settings.AZURE_CLIENT_CERTIFICATE_PEM).isPresent()) {
            return "client certificate of application " + settings.find(Settings.AZURE_CLIENT_ID).orElse("(AZURE_CLIENT_ID not set)");
        }
        if (settings.find(Settings.AZURE_USERNAME).isPresent()) {
            return "username and password of " + settings.get(Settings.AZURE_USERNAME);
        }
        if (settings.find(Settings.AZURE_FEDERATED_TOKEN_FILE).isPresent()) {
            return "workload identity";
        }
        return "managed identity";
    }

    public static TokenCredential create(Settings settings) {
        HttpClient http = new JdkHttpClientBuilder().build();
        String tenant = settings.get(Settings.AZURE_TENANT_ID);
        String clientId = settings.get(Settings.AZURE_CLIENT_ID);
        String authority = settings.authorityHost();
        if (settings.find(Settings.AZURE_CLIENT_SECRET).isPresent()) {
            requireTenantAndClient(tenant, clientId, "AZURE_CLIENT_SECRET");
            return aad(new ClientSecretCredentialBuilder().clientSecret(settings.get(Settings.AZURE_CLIENT_SECRET)),
                    tenant, clientId, authority, http).build();
        }
        if (settings.find(Settings.AZURE_CLIENT_CERTIFICATE_PEM).isPresent()) {
            requireTenantAndClient(tenant, clientId, "a client certificate");
            ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder().pemCertificate(
                    new java.io.ByteArrayInputStream(settings.get(Settings.AZURE_CLIENT_CERTIFICATE_PEM).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return aad(builder, tenant, clientId, authority, http).build();
        }
        if (settings.find(Settings.AZURE_CLIENT_CERTIFICATE_PATH).isPresent()) {
            requireTenantAndClient(tenant, clientId, "AZURE_CLIENT_CERTIFICATE_PATH");
            String path = settings.get(Settings.AZURE_CLIENT_CERTIFICATE_PATH);
            ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder();
            if (path.toLowerCase().endsWith(".pfx") || path.toLowerCase().endsWith(".p12")) {
                builder.pfxCertificate(path);
                settings.find(Settings.AZURE_CLIENT_CERTIFICATE_PASSWORD).ifPresent(builder::clientCertificatePassword);
            } else {
                builder.pemCertificate(path);
            }
            return aad(builder, tenant, clientId, authority, http).build();
        }
        if (settings.find(Settings.AZURE_USERNAME).isPresent()) {
            if (clientId == null) {
                throw new AzureAuthException("AZURE_USERNAME is set but AZURE_CLIENT_ID is not: set the application (client) id "
                        + "of an app registration with 'Allow public client flows' enabled");
            }
            UsernamePasswordCredentialBuilder builder = new UsernamePasswordCredentialBuilder()
                    .username(settings.get(Settings.AZURE_USERNAME))
                    .password(settings.find(Settings.AZURE_PASSWORD).orElse(""));
            return aad(builder, tenant == null ? "organizations" : tenant, clientId, authority, http).build();
        }
        if (settings.find(Settings.AZURE_FEDERATED_TOKEN_FILE).isPresent()) {
            requireTenantAndClient(tenant, clientId, "AZURE_FEDERATED_TOKEN_FILE");
            return aad(new WorkloadIdentityCredentialBuilder().tokenFilePath(settings.get(Settings.AZURE_FEDERATED_TOKEN_FILE)),
                    tenant, clientId, authority, http).build();
        }
        // the managed-identity endpoint variables (IDENTITY_ENDPOINT, MSI_ENDPOINT, ...) come from azsync's environment, as every setting
        com.azure.core.util.ConfigurationSource none = path -> java.util.Map.of();
        com.azure.core.util.ConfigurationSource environment = path -> settings.environment();
        ManagedIdentityCredentialBuilder managed = new ManagedIdentityCredentialBuilder().httpClient(http)
                .configuration(new com.azure.core.util.ConfigurationBuilder(none, none, environment).build());
        if (clientId != null) {
            managed.clientId(clientId);
        }
        return managed.build();
    }

    private static <T extends AadCredentialBuilderBase<T>> T aad(T builder, String tenant, String clientId, String authority,
                                                                 HttpClient http) {
        // configuration() first: it resets the authority host from the (empty) configuration
        builder.configuration(Configuration.NONE);
        builder.tenantId(tenant).clientId(clientId).authorityHost(authority).httpClient(http);
        if (!Cloud.isKnownAuthority(authority)) {
            builder.disableInstanceDiscovery();
        }
        return builder;
    }

    private static void requireTenantAndClient(String tenant, String clientId, String because) {
        if (tenant == null || clientId == null) {
            throw new AzureAuthException(because + " is set but " + (tenant == null ? "AZURE_TENANT_ID" : "AZURE_CLIENT_ID")
                    + " is not: set AZURE_TENANT_ID (Directory (tenant) ID) and AZURE_CLIENT_ID (Application (client) ID)"
                    + " from the app registration's overview page");
        }
    }
}
