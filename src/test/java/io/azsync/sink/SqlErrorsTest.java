package io.azsync.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** A database error is described by the database's own first line, never by the statement and its values. */
class SqlErrorsTest {

    @Test
    void aFailedBatchIsDescribedByItsCauseWithoutTheStatementOrDetail() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO t (name) VALUES ('secret-vm') was aborted: "
                + "ERROR: boom  Call getNextException to see other errors in the batch.", "23514", new int[0]);
        batch.setNextException(new SQLException("ERROR: new row violates check constraint \"c\"\n  Detail: Failing row contains "
                + "(secret-vm).", "23514"));

        assertEquals("ERROR: new row violates check constraint \"c\" (SQLSTATE 23514)", SqlErrors.describe(batch));
    }

    @Test
    void aBatchWithoutItsCauseLosesTheStatementAnyway() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO t VALUES ('secret-vm') was aborted: ERROR: "
                + "invalid byte sequence", null, new int[0]);

        assertEquals("ERROR: invalid byte sequence", SqlErrors.describe(batch));
    }
}
