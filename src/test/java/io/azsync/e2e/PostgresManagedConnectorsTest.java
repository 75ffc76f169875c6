package io.azsync.e2e;

import java.nio.file.Path;

import io.azsync.testing.TestDatabase;

class PostgresManagedConnectorsTest extends ManagedConnectorsBehaviour {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.postgres();
    }

    @org.junit.jupiter.api.Test
    void inAClusterADeletedConnectorLeavesNoJobInTheSharedJobStore() throws Exception {
        clustered = true;
        start(key);
        com.fasterxml.jackson.databind.node.ObjectNode c = connector("clustered-one");
        c.put("activate", "without-test");
        org.junit.jupiter.api.Assertions.assertEquals(201, call("POST", "/api/connectors", c.toString()).statusCode());
        org.junit.jupiter.api.Assertions.assertEquals(1, db.count("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = 'clustered-one.azure'"),
                "scheduled through the shared job store");
        org.junit.jupiter.api.Assertions.assertEquals(200, call("DELETE", "/api/connectors/clustered-one", null).statusCode());
        org.junit.jupiter.api.Assertions.assertEquals(0, db.count("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = 'clustered-one.azure'"),
                "no node keeps firing a deleted connector");
    }
}
