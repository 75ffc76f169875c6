package io.azsync.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A check made inside each transaction that writes a run's rows, before they are committed: it
 * throws when the run may no longer write (its stream lease was lost), so the whole transaction
 * rolls back.
 */
@FunctionalInterface
public interface WriteGuard {

    /** No check: for runs that hold no lease (tests of the sink alone). */
    WriteGuard NONE = c -> { };

    void check(Connection connection) throws SQLException;
}
