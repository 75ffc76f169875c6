package io.azsync.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.azsync.config.ConnectorConfig;
import io.azsync.config.Settings;

/** A connector definition as the API takes it: the credential's two forms, and the settings it becomes. */
class ConnectorDefinitionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> STREAMS = List.of("azure-virtual-machines");
    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
            + "-----BEGIN " + "PRIVATE KEY-----\nnot-a-real-key\n-----END " + "PRIVATE KEY-----\n";

    static ObjectNode body() {
        ObjectNode b = JSON.createObjectNode();
        b.put("name", "contoso");
        b.put("tenantId", "8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90");
        b.put("clientId", "3c2b1a09-8f7e-4d6c-b5a4-0e9d8c7b6a51");
        return b;
    }

    static List<String> fields(ObjectNode b) {
        return assertThrows(ConnectorDefinition.InvalidDefinitionException.class, () -> ConnectorDefinition.parse(b, null, true, STREAMS))
                .problems().stream().map(ConnectorDefinition.FieldProblem::field).toList();
    }

    @Test
    void aCertificateIsPemWithItsKeyAndNeverBesideASecret() {
        ObjectNode withoutKey = body().put("certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertEquals(List.of("certificate"), fields(withoutKey));
        ObjectNode both = body().put("certificate", PEM).put("clientSecret", "s3cret-value");
        assertEquals(List.of("clientSecret"), fields(both));
        assertEquals(List.of("clientSecret"), fields(body()), "one of the two is required");
    }

    @Test
    void theCertificateBecomesTheConnectorsOnlyCredential() {
        ConnectorDefinition d = ConnectorDefinition.parse(body().put("certificate", PEM), null, true, STREAMS);
        // the process has a client secret of its own: it must not stand in for the connector's certificate
        Settings base = Settings.load(Map.of("AZURE_CLIENT_SECRET", "process-secret-value"), null);
        ConnectorConfig c = d.toConfig(base, d.credential());
        assertEquals(PEM, c.settings().get(Settings.AZURE_CLIENT_CERTIFICATE_PEM));
        assertTrue(c.settings().find(Settings.AZURE_CLIENT_SECRET).isEmpty());
        assertEquals("client certificate of application 3c2b1a09-8f7e-4d6c-b5a4-0e9d8c7b6a51",
                io.azsync.auth.CredentialFactory.describe(c.settings()));
        assertFalse(d.credential().toString().contains("PRIVATE"), "the credential prints as hidden");
        assertFalse(d.stored().toString().contains("PRIVATE"), "the stored definition holds no credential");
    }
}
