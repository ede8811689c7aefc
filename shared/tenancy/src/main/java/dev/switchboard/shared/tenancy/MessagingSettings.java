package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.json.Text;

/**
 * How a number answers messages by itself.
 *
 * @param autoReply               sent back to an inbound message, at most once per conversation per
 *                                window; never to a keyword (STOP, START, HELP); null for none
 * @param autoReplyWindowMinutes  how long after one auto-reply the next may go to the same conversation
 * @param helpText                the answer to HELP (or INFO); null for Switchboard's default
 */
public record MessagingSettings(String autoReply, int autoReplyWindowMinutes, String helpText) {
    public static final int MAX_TEXT = 1600;
    public static final int DEFAULT_WINDOW_MINUTES = 1440;
    /** Thirty days: a longer window is in effect "once". */
    public static final int MAX_WINDOW_MINUTES = 43_200;
    public static final MessagingSettings NONE = new MessagingSettings(null, DEFAULT_WINDOW_MINUTES, null);
    public static final String DEFAULT_HELP = "Reply STOP to unsubscribe, START to resubscribe.";

    public MessagingSettings {
        autoReply = blankToNull(autoReply);
        helpText = blankToNull(helpText);
        check("messaging.autoReply", autoReply);
        check("messaging.helpText", helpText);
        if (autoReplyWindowMinutes < 1 || autoReplyWindowMinutes > MAX_WINDOW_MINUTES) {
            throw new IllegalArgumentException("messaging.autoReplyWindowMinutes must be between 1 and "
                    + MAX_WINDOW_MINUTES);
        }
    }

    public String help() {
        return helpText != null ? helpText : DEFAULT_HELP;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void check(String field, String value) {
        if (value != null && (value.length() > MAX_TEXT || !Text.isClean(value))) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT
                    + " characters of text (no control characters)");
        }
    }
}
