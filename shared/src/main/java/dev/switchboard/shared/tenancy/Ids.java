package dev.switchboard.shared.tenancy;

import java.util.regex.Pattern;

/** Our own identifiers (tenants, agents): short, URL-safe, and usable as Twilio client identities. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CLIENT_IDENTITY = Pattern.compile("[A-Za-z0-9_]{1,121}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** An SMS (SM) or MMS (MM) Message SID. */
    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-f]{32}");

    private Ids() {
    }

    public static String require(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 64 letters, digits, '_' or '-', got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }

    /** Mobile Voice SDKs accept only these characters in an identity, so we allow no others. */
    public static String requireClientIdentity(String value, String field) {
        if (value == null || !CLIENT_IDENTITY.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be letters, digits and '_' only, got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }

    public static boolean isMessageSid(String value) {
        return value != null && MESSAGE_SID.matcher(value).matches();
    }

    public static boolean isAccountSid(String value) {
        return value != null && ACCOUNT_SID.matcher(value).matches();
    }

    public static String requireAccountSid(String value, String field) {
        if (!isAccountSid(value)) {
            throw new IllegalArgumentException(field + " must be a Twilio Account SID (AC followed by 32 hex digits)");
        }
        return value;
    }
}
