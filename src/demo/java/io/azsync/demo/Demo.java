package io.azsync.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * The demo's simulated tenant: TLS made for it, the simulator started on loopback and populated.
 * {@code azsync demo} loads it by name from {@code azsync-demo.jar} (it supplies the settings that
 * point azsync at it), so the product holds no reference to the simulator.
 */
public final class Demo implements AutoCloseable, java.util.function.Supplier<Map<String, String>> {

    private final FakeAzure azure;

    private Demo(FakeAzure azure) {
        this.azure = azure;
    }

    public static Demo start(Path workDir, int vms, int users) throws Exception {
        FakeAzure azure = new FakeAzure(DemoTls.install(workDir));
        DemoTenant.populate(azure, vms, users);
        return new Demo(azure);
    }

    /** Settings that point azsync at the simulator (credentials of the simulated tenant included). */
    public Map<String, String> env() {
        return DemoTenant.env(azure);
    }

    @Override
    public Map<String, String> get() {
        return env();
    }

    @Override
    public void close() {
        azure.close();
    }
}
