package io.azsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    Path file(String text) throws Exception {
        Path f = dir.resolve("application.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theEnvironmentWinsOverTheFilesOtherKeysToo() throws Exception {
        Path f = file("camel.main.jmx-enabled=false\nmyapp.webhook.channel=from-file\nmyapp.only.in.file=kept\n");
        Settings s = Settings.load(Map.of("CAMEL_MAIN_JMX_ENABLED", "true", "MYAPP_WEBHOOK_CHANNEL", "from-env"), f);
        assertEquals("true", s.extraProperties().get("camel.main.jmx-enabled"));
        assertEquals("from-env", s.extraProperties().get("myapp.webhook.channel"));
        assertEquals("kept", s.extraProperties().get("myapp.only.in.file"));
    }

    @Test
    void theEnvironmentWinsOverTheFileAndTheFileOverDefaults() throws Exception {
        Path f = file("azsync.jdbc.url=jdbc:sqlite:from-file.db\nazsync.connector=from-file\n");
        Settings s = Settings.load(Map.of("AZSYNC_JDBC_URL", "jdbc:postgresql://db/azsync"), f);
        assertEquals("jdbc:postgresql://db/azsync", s.get(Settings.JDBC_URL));
        assertEquals("from-file", s.get(Settings.CONNECTOR));
        assertEquals("transform-maps", s.get(Settings.TRANSFORM_MAPS_DIR));
        assertEquals("AZSYNC_TRANSFORM_MAPS_DIR", Settings.TRANSFORM_MAPS_DIR.envName());
        assertEquals("AZURE_CLIENT_SECRET", Settings.AZURE_CLIENT_SECRET.envName());
    }

    @Test
    void theCloudSetsEveryEndpointAndOverridesApplyOneByOne() {
        Settings gov = Settings.load(Map.of("AZSYNC_CLOUD", "AzureUSGovernment"), null);
        assertEquals("https://management.usgovcloudapi.net", gov.armEndpoint());
        assertEquals("https://graph.microsoft.us", gov.graphEndpoint());
        assertEquals("https://login.microsoftonline.us/", gov.authorityHost());
        Settings dod = Settings.load(Map.of("AZSYNC_CLOUD", "AzureUSGovernmentDoD"), null);
        assertEquals("https://dod-graph.microsoft.us", dod.graphEndpoint());
        assertEquals("https://management.usgovcloudapi.net", dod.armEndpoint());
        assertEquals("https://login.microsoftonline.us/", dod.authorityHost());
        Settings custom = Settings.load(Map.of("AZSYNC_CLOUD", "AzureChinaCloud", "AZSYNC_ARM_ENDPOINT", "https://arm.example/"), null);
        assertEquals("https://arm.example", custom.armEndpoint());
        assertEquals("https://microsoftgraph.chinacloudapi.cn", custom.graphEndpoint());
    }

    @Test
    void aSecretInTheFileIsRefusedWithTheFix() throws Exception {
        Path f = file("azure.client.secret=plain-text-secret\n");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> Settings.load(Map.of(), f));
        assertTrue(e.getMessage().contains("azure.client.secret is a secret: remove it from the file and set AZURE_CLIENT_SECRET"),
                e.getMessage());
        assertFalse(e.getMessage().contains("plain-text-secret"));
    }

    @Test
    void badValuesAreAllReportedWithTheirKey() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> Settings.load(Map.of(
                "AZSYNC_CLOUD", "Mars", "AZSYNC_ARM_ENDPOINT", "http://insecure", "AZSYNC_JDBC_URL", "postgres://x",
                "AZSYNC_SUBSCRIPTIONS", "not-a-guid", "AZSYNC_HTTP_READ_TIMEOUT", "60"), null));
        List<String> messages = e.problems().stream().map(Problem::toString).toList();
        assertEquals(5, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("AZSYNC_CLOUD (azsync.cloud): 'Mars' is not a known cloud"), messages.toString());
        assertTrue(e.getMessage().contains("must be an https:// URL"));
        assertTrue(e.getMessage().contains("'not-a-guid' is not a subscription id"));
        assertTrue(e.getMessage().contains("is not an ISO-8601 duration"));
        assertTrue(e.getMessage().contains("'postgres://x' is not a JDBC URL"), e.getMessage());
    }

    @Test
    void clusteringWithSqliteIsRefusedWithTheReason() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Settings.load(Map.of("AZSYNC_CLUSTERED", "true"), null));
        assertTrue(e.getMessage().contains("clustering needs the PostgreSQL sink: SQLite is single-node by design"), e.getMessage());
    }

    @Test
    void toStringNeverShowsSecrets() {
        Settings s = Settings.load(Map.of("AZURE_CLIENT_SECRET", "s3cr3t-value", "AZSYNC_JDBC_PASSWORD", "pw-value"), null);
        assertFalse(s.toString().contains("s3cr3t-value"));
        assertFalse(s.toString().contains("pw-value"));
    }

    @Test
    void secretsAreKeptByteForByteAndMaskedWhereverTextIsRedacted() {
        Settings s = Settings.load(Map.of("AZURE_CLIENT_SECRET", " s3cret-with-spaces ", "AZSYNC_API_TOKEN", "tok3n-value-xyz"), null);

        assertEquals(" s3cret-with-spaces ", s.get(Settings.AZURE_CLIENT_SECRET), "a secret ending in a space is still that secret");
        assertEquals("Azure said: bad client_secret=**** and token ****",
                Secrets.redact("Azure said: bad client_secret= s3cret-with-spaces  and token tok3n-value-xyz"));
    }
}
