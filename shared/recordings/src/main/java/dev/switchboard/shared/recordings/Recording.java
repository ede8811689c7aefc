package dev.switchboard.shared.recordings;

import dev.switchboard.shared.twilio.RecordingStatus;

import java.time.Instant;
import java.util.Locale;

/**
 * A recording of a call, kept with the call, and where its copy in the tenant's S3 space stands.
 *
 * @param source           what made it: DialVerb, RecordVerb, OutboundAPI …
 * @param storedKey        where its verified copy lies in S3, once stored
 * @param copyError        why it could not be copied, once the media worker gave up: a reason code
 *                         (docs/events.md, {@code recording.copy-failed}); the recording is still at Twilio
 * @param copyErrorDetail  what was wrong, in words
 * @param deletedAt        when the tenant deleted it (with its voicemail): it is gone from S3 and Twilio
 */
public record Recording(String callSid, String recordingSid, RecordingStatus status, String source,
                        Integer durationSeconds, Integer channels, String errorCode, Instant updatedAt,
                        String recordingUrl, String storedKey, Long storedBytes, String copyError,
                        String copyErrorDetail, Instant copyFailedAt, Instant deletedAt) {

    /** Where the copy of a recording into S3 stands, as the API shows it. */
    public enum Copy {
        /** Not copied yet: recording, or waiting for the media worker (which retries). */
        PENDING,
        /** Copied into the tenant's S3 space and verified. */
        STORED,
        /** The media worker gave up; the recording was left at Twilio. */
        FAILED,
        /** The tenant deleted it. */
        DELETED,
        /** Nothing to copy: Twilio recorded nothing (absent) or the recording failed. */
        NONE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Its copy is in the tenant's S3 space, verified, and not deleted. */
    public boolean stored() {
        return storedKey != null && deletedAt == null;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public Copy copy() {
        if (deletedAt != null) {
            return Copy.DELETED;
        }
        if (storedKey != null) {
            return Copy.STORED;
        }
        if (copyFailedAt != null) {
            return Copy.FAILED;
        }
        return status == RecordingStatus.ABSENT || status == RecordingStatus.FAILED ? Copy.NONE : Copy.PENDING;
    }
}
