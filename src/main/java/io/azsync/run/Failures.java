package io.azsync.run;

import io.azsync.auth.AzureAuthException;
import io.azsync.config.InvalidConfigurationException;
import io.azsync.sink.DatabaseException;
import io.azsync.source.AzureApiException;

/** Finds the message worth showing in an exception chain: azsync's own errors name cause and fix. */
public final class Failures {

    private Failures() {
    }

    /** The message worth showing, with every configured secret value masked. */
    public static String message(Throwable error) {
        return io.azsync.config.Secrets.redact(unmasked(error));
    }

    private static String unmasked(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AzureApiException || t instanceof AzureAuthException || t instanceof DatabaseException
                    || t instanceof io.azsync.core.RunStoppedException
                    || t instanceof InvalidConfigurationException || t instanceof IllegalStateException) {
                return t.getMessage();
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
