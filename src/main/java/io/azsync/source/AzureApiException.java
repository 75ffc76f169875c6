package io.azsync.source;

/**
 * An Azure API call failed for good (after retries, or at once for errors retrying cannot fix).
 * The message names the API, the cause and the fix.
 */
public class AzureApiException extends RuntimeException {

    private final int status;
    private final String code;

    public AzureApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** As above, keeping what went wrong underneath (a connection failure) as the cause. */
    public AzureApiException(int status, String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** Azure's error code (e.g. AuthorizationFailed), or null. */
    public String code() {
        return code;
    }
}
