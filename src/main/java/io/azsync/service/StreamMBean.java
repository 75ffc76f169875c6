package io.azsync.service;

/** JMX view of one stream of a connector: {@code io.azsync:type=Stream,connector=<connector>,name=<stream>} (its last run). */
public interface StreamMBean {
    String getLastRunState();

    long getLastRunId();

    long getLastRunDurationMillis();

    long getPages();

    long getRecordsRead();

    long getRecordsWritten();

    long getRecordsUnchanged();

    long getRecordsRejected();

    long getRecordsDeleted();

    String getMode();

    String getLastError();
}
