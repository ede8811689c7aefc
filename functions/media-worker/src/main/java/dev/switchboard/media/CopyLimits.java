package dev.switchboard.media;

import dev.switchboard.shared.twilio.CallLimits;

import java.time.Duration;

/**
 * What a copy from Twilio must be to count, in bytes, and how long its body may take to arrive.
 * The margins are generous: a copy outside them is not a recording of that length, whatever else
 * it is (README, "Recordings and voicemail").
 *
 * <p>Recordings. Twilio serves MP3 at 32 kbit/s (4,000 bytes a second) and WAV as 8 kHz 16-bit
 * PCM (16,000 bytes a second a channel) after a 44-byte header; RecordingDuration is in whole
 * seconds and RecordingChannels is 1 or 2. At least: half the bytes of a one-channel recording a
 * second shorter (a two-channel MP3 may be encoded at the one-channel rate). At most: twice the
 * bytes of a recording a second longer with all its channels, plus 64 KiB of headers and tags.
 * Without a duration, anything but nothing, up to the longest call Twilio makes.
 *
 * <p>Message media. Twilio's own limit is 5 MB of media a message: 5 MiB for all of a message's
 * items together, none of them empty.
 *
 * <p>Time to read. 10 s for Twilio to start answering, then at least 1 MiB a second for the most
 * the copy may be, and 90 s at most: the worker's Lambda timeout is 120 s, and the rest is for S3
 * and the write. The deadline holds for the whole read, however the bytes trickle in.
 */
public record CopyLimits(String what, long minBytes, long maxBytes, Duration timeToRead) {
    static final long MP3_BYTES_PER_SECOND = 4_000;
    static final long WAV_BYTES_PER_SECOND_PER_CHANNEL = 16_000;
    static final long WAV_HEADER_BYTES = 44;
    static final long HEADROOM_BYTES = 64 * 1024;
    public static final long MESSAGE_MEDIA_BYTES = 5 * 1024 * 1024;
    static final Duration FIRST_BYTES = Duration.ofSeconds(10);
    static final long SLOWEST_BYTES_PER_SECOND = 1024 * 1024;
    public static final Duration LONGEST = Duration.ofSeconds(90);

    /** @param format mp3 or wav, as the tenant keeps its recordings */
    public static CopyLimits recording(String format, Integer durationSeconds, Integer channels) {
        boolean wav = "wav".equals(format);
        long perSecond = wav ? WAV_BYTES_PER_SECOND_PER_CHANNEL : MP3_BYTES_PER_SECOND;
        long header = wav ? WAV_HEADER_BYTES : 0;
        long allChannels = channels == null ? 2 : Math.clamp(channels, 1, 2);
        long longest = durationSeconds == null ? CallLimits.MAX_DURATION_SECONDS : Math.max(0, durationSeconds);
        long min = durationSeconds == null ? 1 : Math.max(1, header + perSecond * (durationSeconds - 1) / 2);
        long max = header + perSecond * allChannels * (longest + 1) * 2 + HEADROOM_BYTES;
        String what = (durationSeconds == null ? "a" : "a " + durationSeconds + "-second") + " " + (wav ? "wav" : "mp3")
                + " recording";
        return new CopyLimits(what, min, max, timeToRead(max));
    }

    /** For all the media items of one message. */
    public static CopyLimits messageMedia() {
        return new CopyLimits("a message's media", 1, MESSAGE_MEDIA_BYTES, timeToRead(MESSAGE_MEDIA_BYTES));
    }

    static Duration timeToRead(long maxBytes) {
        Duration time = FIRST_BYTES.plusMillis(maxBytes * 1000 / SLOWEST_BYTES_PER_SECOND);
        return time.compareTo(LONGEST) > 0 ? LONGEST : time;
    }

    /** The allowance of one copy, its clock started now. */
    public CopyBudget start() {
        return new CopyBudget(this, System.nanoTime());
    }

    /** "a 5-second mp3 recording has between 8,000 and 113,536 bytes" */
    String range() {
        return String.format("%s has between %,d and %,d bytes", what, minBytes, maxBytes);
    }
}
