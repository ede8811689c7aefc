package dev.switchboard.shared.messaging;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The messaging keywords carriers and Twilio act on, whether or not the account uses Twilio's
 * Advanced Opt-Out: the whole body, trimmed, in any case ("sToP" is one, "stop please" is not).
 * REVOKE and OPTOUT opt out since the FCC's 2025 rule; INFO asks for help as HELP does.
 */
public enum Keyword {
    STOP, START, HELP;

    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPTOUT");
    private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

    /** The keyword a message body is, if it is one. */
    public static Optional<Keyword> of(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip().toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Optional.of(STOP);
        }
        if (OPT_IN.contains(word)) {
            return Optional.of(START);
        }
        return HELP_WORDS.contains(word) ? Optional.of(HELP) : Optional.empty();
    }

    /**
     * Twilio's OptOutType (Advanced Opt-Out: STOP, START or HELP), which says what Twilio itself
     * made of the message, including the account's own custom keywords.
     */
    public static Optional<Keyword> fromOptOutType(String optOutType) {
        if (optOutType == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(optOutType.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
