package io.azsync.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds the exception for an Azure error answer: which API, the status and Azure's error code,
 * Azure's own message, and what to do about it.
 */
public final class ErrorAdvice {

    private ErrorAdvice() {
    }

    public static AzureApiException of(String api, int status, JsonNode body, String rawBody) {
        JsonNode error = body == null ? null : body.path("error");
        String code = error != null && error.hasNonNull("code") ? error.get("code").asText() : null;
        String message = error != null && error.hasNonNull("message") ? error.get("message").asText() : abbreviate(rawBody);
        // Resource Graph nests the precise reason in error.details[] (code and message)
        String detailCode = null;
        if (error != null && error.path("details").isArray() && error.path("details").size() > 0) {
            JsonNode detail = error.path("details").get(0);
            if (detail.hasNonNull("message")) {
                message = message + " (" + detail.get("message").asText() + ")";
            }
            detailCode = detail.hasNonNull("code") ? detail.get("code").asText() : null;
        }
        String head = api + " answered " + status + (code == null ? "" : " " + code) + ": " + abbreviate(message);
        String precise = detailCode != null ? detailCode : code;
        return new AzureApiException(status, precise, head + ": " + fix(api, status, precise));
    }

    static String fix(String api, int status, String code) {
        if (status == 403) {
            if (code != null && code.startsWith("Authorization_RequestDenied")) {
                return "grant the application the Microsoft Graph application permission the stream needs and grant admin consent";
            }
            return "assign the Reader role to the service principal on the subscriptions or on a management group above them "
                    + "(az role assignment create --assignee $AZURE_CLIENT_ID --role Reader --scope /subscriptions/<id>)";
        }
        if (status == 401) {
            return "the access token was refused: check that AZSYNC_CLOUD (or AZSYNC_ARM_ENDPOINT / AZSYNC_GRAPH_ENDPOINT) is the cloud of the tenant AZURE_TENANT_ID";
        }
        if (status == 400 && api.startsWith("Resource Graph") && "ResponsePayloadTooLarge".equals(code)) {
            return "even the smallest page is above Resource Graph's 16 MiB answer limit: project fewer or smaller columns in the "
                    + "stream's query file";
        }
        if (status == 400 && api.startsWith("Resource Graph")) {
            return "check the stream's query file: Resource Graph refused the request (the query must be valid KQL, keep the id "
                    + "column and order by id; see Azure's reason above)";
        }
        if (status == 404) {
            return "the endpoint was not found: check AZSYNC_ARM_ENDPOINT / AZSYNC_GRAPH_ENDPOINT";
        }
        if (status == 429 || status >= 500) {
            return "Azure is throttling or unavailable and retries ran out: run the sync again later (it resumes where it stopped), "
                    + "raise AZSYNC_RETRY_MAX_ATTEMPTS, or, when other tools use the same principal's quota, raise AZSYNC_THROTTLE_RESERVE";
        }
        return "see Azure's message above";
    }

    static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 297) + "..." : oneLine;
    }
}
