package io.azsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsFileTest {

    @TempDir
    Path dir;

    Settings base(String yaml, Map<String, String> env) throws Exception {
        Path f = dir.resolve("connectors.yaml");
        Files.writeString(f, yaml);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("AZSYNC_CONNECTORS_FILE", f.toString());
        return Settings.load(all, null);
    }

    @Test
    void withoutAFileTheEnvironmentIsTheDefaultConnector() {
        Settings s = Settings.load(Map.of("AZSYNC_CONNECTORS_FILE", dir.resolve("none.yaml").toString(), "AZSYNC_CONNECTOR", "solo"), null);
        List<ConnectorConfig> connectors = ConnectorsFile.load(s, s.environment());
        assertEquals(1, connectors.size());
        assertEquals("solo", connectors.get(0).name());
        assertEquals(Schedule.DEFAULT, connectors.get(0).scheduleOf("azure"));
    }

    @Test
    void connectorsCarryTheirTenantCredentialScopeAndSchedules() throws Exception {
        Settings s = base("""
                connectors:
                  - name: contoso
                    tenant-id: 11111111-1111-1111-1111-111111111111
                    client-id: 22222222-2222-2222-2222-222222222222
                    cloud: AzureUSGovernment
                    delta-full-every: P1D
                    credential: { client-secret-env: CONTOSO_SECRET }
                    subscriptions: { include: [33333333-3333-3333-3333-333333333333] }
                    streams: [azure-virtual-machines]
                    schedules:
                      default: { every: PT2H }
                      entra: { cron: "0 0 3 * * ?" }
                  - name: fabrikam
                    enabled: false
                    tenant-id: 44444444-4444-4444-4444-444444444444
                    client-id: 55555555-5555-5555-5555-555555555555
                    credential: { client-secret-env: FABRIKAM_SECRET }
                    subscriptions: { exclude: [66666666-6666-6666-6666-666666666666] }
                """, Map.of("CONTOSO_SECRET", "s1", "FABRIKAM_SECRET", "s2"));
        List<ConnectorConfig> c = ConnectorsFile.load(s, s.environment());
        ConnectorConfig contoso = c.get(0);
        assertEquals("contoso", contoso.settings().get(Settings.CONNECTOR));
        assertEquals("s1", contoso.settings().get(Settings.AZURE_CLIENT_SECRET));
        assertEquals("https://management.usgovcloudapi.net", contoso.settings().armEndpoint());
        assertEquals(List.of("33333333-3333-3333-3333-333333333333"), contoso.settings().list(Settings.SUBSCRIPTIONS));
        assertEquals(Duration.ofHours(2), contoso.scheduleOf("azure").every());
        assertEquals("0 0 3 * * ?", contoso.scheduleOf("entra").cron());
        assertEquals(Duration.ofDays(1), contoso.settings().duration(Settings.DELTA_FULL_EVERY));
        assertEquals(Duration.ofDays(7), c.get(1).settings().duration(Settings.DELTA_FULL_EVERY), "the default elsewhere");
        assertFalse(c.get(1).enabled());
        assertEquals(List.of("66666666-6666-6666-6666-666666666666"), c.get(1).excludedSubscriptions());
        assertEquals("s2", c.get(1).settings().get(Settings.AZURE_CLIENT_SECRET));
    }

    @Test
    void inlineSecretsMissingVariablesAndBadSchedulesAreRefusedWithTheirLine() throws Exception {
        Settings s = base("""
                connectors:
                  - name: contoso
                    tenant-id: 11111111-1111-1111-1111-111111111111
                    client-secret: hunter2
                    credential: { client-secret-env: NOT_SET }
                    schedules:
                      azure: { every: PT25H }
                      entra: { cron: "not a cron" }
                """, Map.of());
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> ConnectorsFile.load(s, s.environment()));
        String all = e.getMessage();
        assertTrue(all.contains("connectors.yaml:4: client-secret: secrets are never written in the connectors file"), all);
        assertTrue(all.contains("connectors.yaml:5: connector contoso: environment variable NOT_SET (its client secret) is not set"), all);
        assertTrue(all.contains("connectors.yaml:7: schedule azure: every must be at least PT1S and under 24 hours"), all);
        assertTrue(all.contains("connectors.yaml:8: schedule entra:"), all);
        assertFalse(all.contains("hunter2"));
    }
}
