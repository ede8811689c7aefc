package dev.switchboard.shared.twilio;

/** The bounds Switchboard holds Twilio's numeric call parameters to; outside them is a 400. */
public final class CallLimits {
    /** A Twilio call lasts at most 24 hours (TimeLimit's maximum). */
    public static final long MAX_DURATION_SECONDS = 86_400;
    /** Far beyond the handful of progress callbacks one call makes. */
    public static final long MAX_SEQUENCE_NUMBER = 1_000_000;

    private CallLimits() {
    }
}
