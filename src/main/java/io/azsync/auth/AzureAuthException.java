package io.azsync.auth;

/** Getting a token failed; the message names the cause and the fix, and never a secret. */
public class AzureAuthException extends RuntimeException {

    private final String code;

    public AzureAuthException(String message) {
        this(null, message);
    }

    public AzureAuthException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The AADSTS code when Entra ID gave one, else null. */
    public String code() {
        return code;
    }
}
