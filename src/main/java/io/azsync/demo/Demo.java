package io.azsync.demo;

import java.nio.file.Path;
import java.util.Map;

/** The demo's simulated tenant: TLS made for it, the simulator started on loopback and populated. */
public final class Demo implements AutoCloseable {

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
    public void close() {
        azure.close();
    }
}
