package dev.switchboard.shared.twilio;

import java.util.regex.Pattern;

/** The shapes of the Twilio SIDs Switchboard reads: a two-letter prefix and 32 hex digits. */
public final class Sids {
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** An SMS (SM) or MMS (MM) Message SID. */
    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-f]{32}");

    private Sids() {
    }

    public static boolean isAccountSid(String value) {
        return value != null && ACCOUNT_SID.matcher(value).matches();
    }

    public static boolean isMessageSid(String value) {
        return value != null && MESSAGE_SID.matcher(value).matches();
    }
}
