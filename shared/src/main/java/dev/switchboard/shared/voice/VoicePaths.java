package dev.switchboard.shared.voice;

/** The webhook routes Twilio calls, as template.yaml declares them. */
public final class VoicePaths {
    public static final String INBOUND = "/twilio/voice/inbound";
    public static final String STATUS = "/twilio/voice/status";
    public static final String DIAL_COMPLETE = "/twilio/voice/dial-complete";
    public static final String VOICEMAIL = "/twilio/voice/voicemail";
    public static final String TRANSCRIPTION = "/twilio/voice/transcription";

    private VoicePaths() {
    }
}
