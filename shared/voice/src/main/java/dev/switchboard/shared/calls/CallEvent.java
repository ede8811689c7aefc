package dev.switchboard.shared.calls;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a call's event log: a callback as Twilio sent it.
 *
 * @param kind what sent it, e.g. "status", "inbound", "dial-complete"; "dialed-leg" for the status
 *             callback of the phone or browser the call's {@code <Dial>} rang, in the caller's call
 * @param sequenceNumber the callback's SequenceNumber where it counts this call's callbacks (a
 *                       dialed leg's counts the leg's own: null here, though its params keep it)
 */
public record CallEvent(String callSid, String tenantId, String kind, Long sequenceNumber, Instant receivedAt,
                        Map<String, String> params) {
}
