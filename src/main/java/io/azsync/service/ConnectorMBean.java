package io.azsync.service;

/**
 * JMX view of a connector: {@code io.azsync:type=Connector,name=<connector>}. Counts are the totals
 * of the last sync over its streams.
 */
public interface ConnectorMBean {
    String getState();

    String getLastRunStart();

    String getLastRunEnd();

    long getLastRunDurationMillis();

    long getRecordsRead();

    long getRecordsWritten();

    long getRecordsUnchanged();

    long getRecordsRejected();

    long getRecordsDeleted();

    String getLastError();

    String getNextFireTime();

    int getConsecutiveFailures();

    /** Syncs every enabled stream now (trigger api); returns a one-line summary, or why it could not. */
    String syncNow();

    /** Runs the test-connection probes; returns one line per check. */
    String testConnection();
}
