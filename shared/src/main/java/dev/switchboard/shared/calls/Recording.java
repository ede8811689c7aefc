package dev.switchboard.shared.calls;

import java.time.Instant;

/**
 * A recording of a call, kept with the call.
 *
 * @param source what made it: DialVerb, RecordVerb, OutboundAPI …
 */
public record Recording(String callSid, String recordingSid, RecordingStatus status, String source,
                        Integer durationSeconds, Integer channels, String errorCode, Instant updatedAt,
                        String recordingUrl, String storedKey, Long storedBytes) {
    /** Copied into the tenant's S3 space, bytes checked. */
    public boolean stored() {
        return storedKey != null;
    }
}
