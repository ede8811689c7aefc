package dev.switchboard.shared.webhook;

import dev.switchboard.shared.json.Text;

import java.util.Map;
import java.util.Set;

/**
 * The sizes a Twilio webhook may have. Twilio's own requests are a few kilobytes; anything far
 * beyond is not Twilio, and refusing it up front (400, nothing stored) keeps every value we
 * store or key on well inside DynamoDB's limits (2 KB partition keys, 400 KB items).
 */
public final class WebhookLimits {
    /** The whole form body. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Any one parameter: numbers, SIDs, SIP URIs, client identities. */
    public static final int MAX_VALUE_CHARS = 1024;
    /** Free-text parameters: speech and transcription results, message bodies (1,600 characters in SMS). */
    public static final int MAX_TEXT_CHARS = 16 * 1024;
    private static final Set<String> TEXT = Set.of("Body", "SpeechResult", "UnstableSpeechResult",
            "TranscriptionText", "StirVerstat");

    private WebhookLimits() {
    }

    /** Checks a raw body before it is parsed. */
    public static void checkBody(String body) {
        if (body.length() > MAX_BODY_BYTES) {
            throw WebhookRejected.badRequest("Webhook body is over " + MAX_BODY_BYTES / 1024 + " KB");
        }
    }

    /** Checks every parameter's size and characters (each one's own rule: TwilioParameters). */
    public static void checkParams(Map<String, String> params) {
        params.forEach((name, value) -> {
            int max = TEXT.contains(name) ? MAX_TEXT_CHARS : MAX_VALUE_CHARS;
            if (name.length() > MAX_VALUE_CHARS || value.length() > max) {
                throw WebhookRejected.badRequest("Parameter " + abbreviate(name) + " is over " + max + " characters");
            }
            if (!Text.isClean(name) || !Text.isClean(value)) {
                throw WebhookRejected.badRequest("Parameter " + abbreviate(name)
                        + " holds characters Twilio never sends (control characters or broken UTF-16)");
            }
        });
    }

    private static String abbreviate(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }
}
