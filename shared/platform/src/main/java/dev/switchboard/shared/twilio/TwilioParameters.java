package dev.switchboard.shared.twilio;

import dev.switchboard.shared.json.Wire;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Twilio parameters Switchboard reads, each with its one rule, checked on every webhook that
 * carries it, whichever route it came to: a value Twilio never sends ({@code CallStatus=exploded},
 * a negative duration, a RecordingUrl that is not a URL) is a 400 naming it, and never reaches a
 * call's log, a store or later work. A blank value counts as absent, as for
 * {@code VerifiedWebhook.param}. The webhook adapter holds every form it verifies to them.
 */
public final class TwilioParameters {

    /** What a parameter's value must be. */
    sealed interface Rule {
        /** Why the parameter's value breaks the rule, or null when it keeps it. */
        String check(String name, String value);
    }

    /** One of Twilio's spellings. */
    record OneOf(Set<String> values) implements Rule {
        @Override
        public String check(String name, String value) {
            return values.contains(value) ? null : "Unknown " + name + " " + value;
        }
    }

    /** A whole number between bounds: never a wrapped, negative or fractional one. */
    record WholeNumber(long min, long max) implements Rule {
        @Override
        public String check(String name, String value) {
            // Digits only: Long.parseLong would also take "+5" and other scripts' digits.
            if (!DIGITS.matcher(value).matches()) {
                return name + " is not a whole number";
            }
            long n = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
            return n >= min && n <= max ? null : name + " must be between " + min + " and " + max;
        }
    }

    /** A Twilio SID: its two-letter prefix and 32 hex digits. */
    record Sid(Predicate<String> shape, String kind) implements Rule {
        @Override
        public String check(String name, String value) {
            return shape.test(value) ? null : name + " is not a Twilio " + kind + " SID";
        }
    }

    /** A URL later work may fetch: absolute, http or https, with a host. */
    record Url() implements Rule {
        @Override
        public String check(String name, String value) {
            try {
                URI uri = new URI(value);
                boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
                return web && uri.getHost() != null && uri.getRawUserInfo() == null ? null
                        : name + " is not an http(s) URL";
            } catch (java.net.URISyntaxException e) {
                return name + " is not a URL";
            }
        }
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Rule CALL_SID = sid("CA", "Call");
    private static final Rule MESSAGE_SID = new Sid(Sids::isMessageSid, "Message");
    private static final Rule DURATION = new WholeNumber(0, CallLimits.MAX_DURATION_SECONDS);
    private static final Rule URL = new Url();
    private static final Rule MESSAGE_STATUS = oneOf(MessageStatus.class);
    /** MediaUrl0 … MediaUrl9: Twilio numbers a message's media items. */
    private static final Pattern MEDIA_URL = Pattern.compile("MediaUrl[0-9]{1,2}");

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("AccountSid", new Sid(Sids::isAccountSid, "Account")),
            Map.entry("CallSid", CALL_SID),
            Map.entry("DialCallSid", CALL_SID),
            Map.entry("ParentCallSid", CALL_SID),
            Map.entry("MessageSid", MESSAGE_SID),
            Map.entry("SmsSid", MESSAGE_SID),
            Map.entry("SmsMessageSid", MESSAGE_SID),
            Map.entry("MessagingServiceSid", sid("MG", "Messaging Service")),
            Map.entry("RecordingSid", sid("RE", "Recording")),
            Map.entry("TranscriptionSid", sid("TR", "Transcription")),
            Map.entry("CallStatus", oneOf(CallStatus.class)),
            Map.entry("DialCallStatus", new OneOf(Set.of("completed", "answered", "busy", "no-answer", "failed",
                    "canceled"))),
            Map.entry("RecordingStatus", oneOf(RecordingStatus.class)),
            Map.entry("TranscriptionStatus", new OneOf(Set.of("completed", "failed"))),
            Map.entry("MessageStatus", MESSAGE_STATUS),
            Map.entry("SmsStatus", MESSAGE_STATUS),
            Map.entry("SequenceNumber", new WholeNumber(0, CallLimits.MAX_SEQUENCE_NUMBER)),
            Map.entry("CallDuration", DURATION),
            Map.entry("DialCallDuration", DURATION),
            Map.entry("RecordingDuration", DURATION),
            Map.entry("RecordingChannels", new WholeNumber(1, 2)),
            Map.entry("NumMedia", new WholeNumber(0, 10)),
            Map.entry("ErrorCode", new WholeNumber(0, 999_999)),
            Map.entry("RecordingUrl", URL),
            Map.entry("TranscriptionUrl", URL));

    private TwilioParameters() {
    }

    /** Why the first parameter that breaks its rule does, or empty when all keep theirs. */
    public static Optional<String> problem(Map<String, String> params) {
        for (var param : params.entrySet()) {
            String name = param.getKey();
            Rule rule = MEDIA_URL.matcher(name).matches() ? URL : RULES.get(name);
            if (rule != null && !param.getValue().isEmpty()) {
                String why = rule.check(name, param.getValue());
                if (why != null) {
                    return Optional.of(why);
                }
            }
        }
        return Optional.empty();
    }

    private static Rule sid(String prefix, String kind) {
        return new Sid(Pattern.compile(prefix + "[0-9a-f]{32}").asMatchPredicate(), kind);
    }

    private static <E extends Enum<E> & Wire> Rule oneOf(Class<E> type) {
        return new OneOf(Arrays.stream(type.getEnumConstants()).map(Wire::wire).collect(Collectors.toUnmodifiableSet()));
    }
}
