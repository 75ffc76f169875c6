package io.azsync.sink;

/** The sink database failed; the message names the database (never its password) and the fix. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
