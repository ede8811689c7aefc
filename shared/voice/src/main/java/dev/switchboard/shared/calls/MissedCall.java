package dev.switchboard.shared.calls;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.json.Wire;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An inbound call that reached nobody: the app's cue to call back. Decided where Switchboard
 * learns it: when the number's answer reaches nobody (straight to voicemail, or an agent who is
 * gone), and when a {@code <Dial>} to a phone or a browser ends unanswered. One per call
 * ({@code call.missed}, its id from the CallSid).
 *
 * @param dialCallStatus Twilio's DialCallStatus, or null when the call went straight to voicemail
 */
public record MissedCall(String callSid, String tenantId, String from, String to, String agentId,
                         Reason reason, String dialCallStatus) {

    /** Why nobody took the call. */
    public enum Reason implements Wire {
        /** Nobody answered, or the number sends every call there, and the caller reached voicemail. */
        VOICEMAIL("voicemail"),
        /** The phone or browser rang out, and there is no voicemail. */
        NO_ANSWER("no-answer"),
        BUSY("busy"),
        /** The call could not be put through (a bad forward number, an unreachable client). */
        FAILED("failed"),
        /** The caller hung up while it rang. */
        CALLER_HUNG_UP("caller-hung-up"),
        /** Nobody to ring: the number's agent is gone, so the caller was told and the call ended. */
        UNAVAILABLE("unavailable");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /**
     * How an unanswered {@code <Dial>} ended for the caller; empty when someone answered.
     * Twilio's {@code canceled} means the caller hung up first, voicemail or not.
     */
    public static Optional<Reason> afterDial(String dialCallStatus, boolean voicemailFallback) {
        return switch (dialCallStatus) {
            case "canceled" -> Optional.of(Reason.CALLER_HUNG_UP);
            case "no-answer", "busy", "failed" -> Optional.of(voicemailFallback ? Reason.VOICEMAIL
                    : Wire.of(Reason.class, dialCallStatus).orElseThrow());
            default -> Optional.empty();
        };
    }

    public DomainEvent event(Instant now) {
        // Once per call, whichever webhook decides it and however often Twilio repeats it.
        return DomainEvent.of(tenantId, "missed|" + callSid, now,
                new EventPayload.CallMissed(callSid, from, to, agentId, reason.wire(), dialCallStatus));
    }
}
