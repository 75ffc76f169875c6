package io.azsync.sink;

import java.sql.SQLException;

/**
 * Describes a database error for people and for the run ledger: the database's own message, never
 * the statement that failed. A failed JDBC batch tells its cause in the next exception, and its own
 * message repeats the statement with the row's values ("Batch entry 0 INSERT INTO … VALUES (…)"),
 * so that text is skipped; of the cause only the first line is kept (PostgreSQL's "Detail:" line
 * may quote the failing row).
 */
public final class SqlErrors {

    /** Longest description kept: enough for any database's primary message. */
    static final int MAX_LENGTH = 500;

    private SqlErrors() {
    }

    public static String describe(SQLException error) {
        SQLException cause = error;
        while (cause.getNextException() != null && cause.getNextException() != cause) {
            cause = cause.getNextException();
        }
        if (cause == error && error instanceof java.sql.BatchUpdateException && error.getCause() instanceof SQLException inner) {
            cause = inner;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // the last marker: row values come before it, the database's message after it
        int aborted = message.lastIndexOf(" was aborted: ");
        if (message.startsWith("Batch entry") && aborted > 0) {
            message = message.substring(aborted + " was aborted: ".length());
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        message = message.replaceAll("\\p{Cntrl}", " ").strip();
        if (cause.getSQLState() != null && !message.contains(cause.getSQLState())) {
            message = message + " (SQLSTATE " + cause.getSQLState() + ")";
        }
        return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH) + "…";
    }
}
