package io.azsync.transform;

/** A record does not fit its transform map; the message says why, and becomes the rejection reason. */
public class MappingException extends RuntimeException {
    public MappingException(String message) {
        super(message, null, false, false);
    }
}
