package dev.switchboard.shared.calls;

import dev.switchboard.shared.twilio.CallStatus;

import java.time.Instant;
import java.util.Map;

/**
 * One call status callback, reduced to what changes the call. {@code params} keeps every
 * parameter Twilio sent, for the event log.
 */
public record StatusCallback(String callSid, String tenantId, String accountSid, CallDirection direction, String from,
                             String to, CallStatus status, Long sequenceNumber, Instant timestamp,
                             Integer durationSeconds, Map<String, String> params) {
}
