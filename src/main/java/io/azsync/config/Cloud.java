package io.azsync.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Azure cloud presets: login host, Resource Manager and Microsoft Graph endpoints, set together.
 * GCC (Microsoft 365 Government Community Cloud) tenants use the worldwide endpoints: AzureCloud.
 */
public enum Cloud {
    AZURE_CLOUD("AzureCloud", "https://login.microsoftonline.com/", "https://management.azure.com", "https://graph.microsoft.com"),
    AZURE_US_GOVERNMENT("AzureUSGovernment", "https://login.microsoftonline.us/", "https://management.usgovcloudapi.net",
            "https://graph.microsoft.us"),
    /** US Government DoD: Azure Government's login and Resource Manager, Graph's DoD endpoint. */
    AZURE_US_GOVERNMENT_DOD("AzureUSGovernmentDoD", "https://login.microsoftonline.us/", "https://management.usgovcloudapi.net",
            "https://dod-graph.microsoft.us"),
    AZURE_CHINA_CLOUD("AzureChinaCloud", "https://login.chinacloudapi.cn/", "https://management.chinacloudapi.cn",
            "https://microsoftgraph.chinacloudapi.cn");

    private final String settingName;
    private final String authorityHost;
    private final String armEndpoint;
    private final String graphEndpoint;

    Cloud(String settingName, String authorityHost, String armEndpoint, String graphEndpoint) {
        this.settingName = settingName;
        this.authorityHost = authorityHost;
        this.armEndpoint = armEndpoint;
        this.graphEndpoint = graphEndpoint;
    }

    public String settingName() {
        return settingName;
    }

    public String authorityHost() {
        return authorityHost;
    }

    public String armEndpoint() {
        return armEndpoint;
    }

    public String graphEndpoint() {
        return graphEndpoint;
    }

    public static Cloud byName(String name) {
        for (Cloud c : values()) {
            if (c.settingName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a known cloud (expected one of: " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(Cloud::settingName).collect(Collectors.joining(", "));
    }

    /** True when the host is one of the public or sovereign login hosts (instance discovery works there). */
    public static boolean isKnownAuthority(String authorityHost) {
        return Arrays.stream(values()).anyMatch(c -> stripSlash(c.authorityHost).equalsIgnoreCase(stripSlash(authorityHost)));
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
