package dev.switchboard.shared.calls;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a call's event log: a callback as Twilio sent it.
 *
 * @param kind what sent it, e.g. "status", "inbound", "dial-complete"
 */
public record CallEvent(String callSid, String tenantId, String kind, Long sequenceNumber, Instant receivedAt,
                        Map<String, String> params) {
}
