package dev.switchboard.shared.calls;

import dev.switchboard.shared.twilio.CallStatus;

import java.time.Instant;

/**
 * A call as Switchboard knows it, built up from the webhook that started it and the status
 * callbacks that followed, whatever order they came in.
 *
 * @param sequenceNumber the SequenceNumber of the status callback that set {@code status}, if any
 * @param dialStatus     the DialCallStatus of the {@code <Dial>} this call made, once it ended
 * @param contactId      the app's reference given when it placed the call, if any
 */
public record Call(String callSid, String tenantId, String accountSid, CallDirection direction, String from, String to,
                   String agentId, String routing, CallStatus status, Long sequenceNumber, Instant createdAt,
                   Instant answeredAt, Instant endedAt, Integer durationSeconds, String dialStatus,
                   Integer dialDurationSeconds, String contactId) {

    /** A call known so far only by a callback that came before the webhook that started it. */
    public static Call firstSeen(String callSid, String tenantId, Instant createdAt) {
        return new Call(callSid, tenantId, null, null, null, null, null, null, null, null, createdAt, null, null, null,
                null, null, null);
    }
}
