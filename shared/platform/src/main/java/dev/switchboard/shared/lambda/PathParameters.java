package dev.switchboard.shared.lambda;

import dev.switchboard.shared.api.ApiError;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The format of every path parameter of the API, checked before a route runs: an id that no
 * resource can have (3,000 characters, a key DynamoDB would refuse) is a 400 naming it, never
 * a store error.
 */
final class PathParameters {
    private record Format(Pattern pattern, String description) {
    }

    private static final Format ID = new Format(Pattern.compile("[A-Za-z0-9_-]{1,64}"),
            "1 to 64 letters, digits, '_' or '-'");
    private static final Map<String, Format> FORMATS = Map.of(
            "tenantId", ID,
            "agentId", ID,
            "keyId", ID,
            "sessionId", ID,
            "callSid", new Format(Pattern.compile("CA[0-9a-fA-F]{32}"), "a Call SID: CA and 32 hex digits"),
            "phoneNumber", new Format(Pattern.compile("\\+[1-9][0-9]{1,14}"), "E.164, e.g. +14155550100 (encode + as %2B)"),
            "messageId", new Format(Pattern.compile("msg_[0-9a-f]{24}"), "a message id: msg_ and 24 hex digits"),
            "conversationId", new Format(Pattern.compile("cv_[0-9a-f]{24}"),
                    "a conversation id: cv_ and 24 hex digits"),
            "endpointId", new Format(Pattern.compile("we_[0-9a-f]{24}"), "a webhook endpoint id: we_ and 24 hex digits"));
    /** For a parameter a future route adds without a format here: still bounded. */
    private static final int MAX_OTHER = 256;

    private PathParameters() {
    }

    static void check(Map<String, String> parameters) {
        parameters.forEach((name, value) -> {
            Format format = FORMATS.get(name);
            boolean ok = value != null && (format == null ? !value.isEmpty() && value.length() <= MAX_OTHER
                    : format.pattern().matcher(value).matches());
            if (!ok) {
                throw ApiError.badField(name, name + " must be " + (format == null
                        ? "at most " + MAX_OTHER + " characters" : format.description()));
            }
        });
    }
}
