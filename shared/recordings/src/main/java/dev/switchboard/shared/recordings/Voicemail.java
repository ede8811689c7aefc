package dev.switchboard.shared.recordings;

import java.time.Instant;

/**
 * A message a caller left: one per call, kept with the call.
 *
 * @param transcriptionStatus null until Twilio reports one; then completed or failed
 */
public record Voicemail(String callSid, String tenantId, String recordingSid, VoicemailStatus status, String from, String to,
                        String agentId, Integer durationSeconds, Instant leftAt, String transcriptionStatus,
                        String transcriptionText) {
}
