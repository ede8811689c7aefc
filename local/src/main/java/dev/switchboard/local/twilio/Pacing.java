package dev.switchboard.local.twilio;

import java.time.Duration;

/**
 * How long a played call's dialed party rings and talks. A figure left null is simulated (the
 * call "lasts" it, nothing waits: 5 s of ringing, 15 s of talk); a figure given is waited for
 * really, so that someone watching the call (a console, {@code listen}) sees each change when it
 * would happen.
 *
 * @param ringSeconds how long the dialed party rings before it answers, or before the dial ends
 *                    unanswered; 0–{@value #MAX_SECONDS}
 * @param talkSeconds how long the dialed party talks once it answered; 0–{@value #MAX_SECONDS}
 */
public record Pacing(Integer ringSeconds, Integer talkSeconds) {
    /** Ten minutes: more is a mistake, and Twilio's own longest ring (timeout) is 600 s. */
    public static final int MAX_SECONDS = 600;
    static final int SIMULATED_RING_SECONDS = 5;
    static final int SIMULATED_TALK_SECONDS = 15;
    /** Every figure simulated: the call plays as fast as its webhooks answer. */
    public static final Pacing INSTANT = new Pacing(null, null);

    public Pacing {
        for (Integer seconds : new Integer[]{ringSeconds, talkSeconds}) {
            if (seconds != null && (seconds < 0 || seconds > MAX_SECONDS)) {
                throw new IllegalArgumentException("seconds must be between 0 and " + MAX_SECONDS);
            }
        }
    }

    /** Whether the ringing is waited for, rather than simulated. */
    boolean realRinging() {
        return ringSeconds != null;
    }

    /** Whether the talk is waited for, rather than simulated. */
    boolean realTalk() {
        return talkSeconds != null;
    }

    int talk() {
        return talkSeconds != null ? talkSeconds : SIMULATED_TALK_SECONDS;
    }

    /**
     * Waits, on the call's own thread (each played call has one), so that other calls go on.
     *
     * @return false when interrupted (the simulator is closing): the call stops where it is
     */
    static boolean sleep(int seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(seconds));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
