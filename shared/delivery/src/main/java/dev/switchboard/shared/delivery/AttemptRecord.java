package dev.switchboard.shared.delivery;

import java.time.Instant;

/**
 * One attempt of the delivery log, as the API lists it.
 *
 * @param result        {@code delivered}, {@code failed} (to be tried again, or the last), {@code gone}
 *                      (410: the endpoint was disabled) or {@code skipped} (the endpoint was disabled)
 * @param responseStatus the receiver's HTTP status, 0 when none came (timeout, refused)
 * @param excerpt       the start of the receiver's answer, at most {@link WebhookSender#EXCERPT_BYTES}
 * @param nextAttemptAt when the event is tried again, or null when it is not
 */
public record AttemptRecord(String endpointId, String eventId, String eventType, int attempt, Instant attemptedAt,
                            String result, int responseStatus, long latencyMs, String excerpt, String reason,
                            Instant nextAttemptAt) {
}
