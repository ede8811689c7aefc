package dev.switchboard.shared.api;

/**
 * An API request refused, as {@code {"error": {"code", "message", "field"?}}} with the status
 * HTTP gives it. Messages go to the caller: they name fields, never secrets or internals.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    private ApiError(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message, null);
    }

    public static ApiError badField(String field, String message) {
        return new ApiError(400, "invalid_field", message, field);
    }

    public static ApiError unprocessable(String field, String message) {
        return new ApiError(422, "unprocessable", message, field);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "A valid API key is required (Authorization: Bearer <key>)", null);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, null);
    }

    /** Also what another tenant's resource answers: it does not exist for this caller. */
    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what + " not found", null);
    }

    /** The request named a version (If-Match) that is no longer the current one. */
    public static ApiError preconditionFailed(String message) {
        return new ApiError(412, "conflict", message, null);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message, null);
    }

    /** The recipient has opted out of the tenant's messages (STOP): sending is refused until START. */
    public static ApiError optedOut(String message) {
        return new ApiError(409, "opted_out", message, "to");
    }

    /** Twilio refused what the request asked for: 422 with Twilio's error code and words. */
    public static ApiError twilioRefused(Integer twilioCode, String twilioMessage) {
        String words = twilioMessage == null ? "" : twilioMessage.length() > 300
                ? twilioMessage.substring(0, 300) + "…" : twilioMessage;
        return new ApiError(422, "twilio_refused", "Twilio refused the request"
                + (twilioCode == null ? "" : " (error " + twilioCode + ", https://www.twilio.com/docs/errors/" + twilioCode + ")")
                + (words.isEmpty() ? "" : ": " + words), null);
    }

    /** Twilio failed or was unreachable: 502, safe to retry. */
    public static ApiError upstream(String message) {
        return new ApiError(502, "twilio_error", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
