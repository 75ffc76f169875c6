package io.azsync.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.config.Settings;

/**
 * A one-off {@code azsync sync} registers no Camel MBeans (they were most of its routes' start, and
 * nobody watches a sync that ends); {@code camel.main.jmx-enabled} in the configuration file brings
 * them back. The service keeps them (ServiceModeTest).
 */
class SyncWithoutMBeansTest {

    static Set<ObjectName> camelBeans() throws Exception {
        return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("org.apache.camel:context=azsync,type=routes,*"), null);
    }

    @Test
    void aSyncRegistersNoCamelMBeans(@TempDir Path dir) throws Exception {
        Settings settings = Settings.load(Map.of("AZSYNC_JDBC_URL", "jdbc:sqlite:" + dir.resolve("azsync.db")), null);
        try (AzsyncRuntime runtime = AzsyncRuntime.startForSync(settings, List.of())) {
            assertFalse(runtime.allStreams().isEmpty());
            assertTrue(camelBeans().isEmpty(), "registered: " + camelBeans());
        }
    }

    @Test
    void theConfigurationFileCanAskForThem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("azsync.properties"), "camel.main.jmx-enabled=true\n");
        Settings settings = Settings.load(Map.of("AZSYNC_JDBC_URL", "jdbc:sqlite:" + dir.resolve("azsync.db")), file);
        try (AzsyncRuntime runtime = AzsyncRuntime.startForSync(settings, List.of())) {
            assertFalse(camelBeans().isEmpty(), "no route MBean with camel.main.jmx-enabled=true");
        }
        assertTrue(camelBeans().isEmpty(), "unregistered when the runtime closes");
    }
}
