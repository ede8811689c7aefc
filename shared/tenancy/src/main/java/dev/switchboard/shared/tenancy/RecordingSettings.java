package dev.switchboard.shared.tenancy;

import java.util.Set;

/**
 * How a tenant wants its recordings kept: the file format copied into S3, and whether the copy at
 * Twilio is deleted once the one in S3 is verified.
 *
 * @param format mp3 (default) or wav
 */
public record RecordingSettings(String format, boolean deleteAtTwilio) {
    public static final Set<String> FORMATS = Set.of("mp3", "wav");
    public static final RecordingSettings DEFAULT = new RecordingSettings("mp3", false);

    public RecordingSettings {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("recordings.format must be mp3 or wav");
        }
    }

    public String contentType() {
        return format.equals("wav") ? "audio/x-wav" : "audio/mpeg";
    }
}
