package dev.switchboard.shared.twilio;

import java.util.regex.Pattern;

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
public final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private PhoneNumbers() {
    }

    public static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
    }

    public static String requireE164(String value, String field) {
        if (!isE164(value)) {
            throw new IllegalArgumentException(field + " must be an E.164 number like +14155550100, got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }
}
