package io.azsync.service;

/** A connector's state, as the CLI, JMX and the ledger show it. */
public enum ConnectorState {
    /** Loaded, no schedule yet (e.g. `sync` from the command line). */
    REGISTERED,
    /** Waiting for its next firing. */
    SCHEDULED,
    /** A sync is running. */
    PROCESSING,
    /** The last sync succeeded. */
    PROCESSED,
    /** The last sync had a failed stream. */
    FAILED,
    /** {@code enabled: false} in the connectors file. */
    DISABLED,
    /** The service stopped (SIGTERM); the connector is scheduled again when it starts. */
    STOPPED,
    /** Deleted over the REST API: no longer scheduled; its rows stay. */
    REMOVED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
