package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.twilio.Sids;

import java.util.regex.Pattern;

/** Our own identifiers (tenants, agents): short, URL-safe, and usable as Twilio client identities. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CLIENT_IDENTITY = Pattern.compile("[A-Za-z0-9_]{1,121}");

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

    public static String requireAccountSid(String value, String field) {
        if (!Sids.isAccountSid(value)) {
            throw new IllegalArgumentException(field + " must be a Twilio Account SID (AC followed by 32 hex digits)");
        }
        return value;
    }
}
