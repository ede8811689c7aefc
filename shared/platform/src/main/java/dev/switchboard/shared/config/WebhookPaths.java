package dev.switchboard.shared.config;

/**
 * Every path Switchboard gives Twilio, each a route of template.yaml (a contract test holds the
 * two together). A path goes here only once the template serves it: Twilio answers a 404 with
 * an application error the caller hears, or drops the message.
 */
public final class WebhookPaths {
    public static final String INBOUND = "/twilio/voice/inbound";
    public static final String STATUS = "/twilio/voice/status";
    public static final String DIAL_COMPLETE = "/twilio/voice/dial-complete";
    public static final String OUTBOUND = "/twilio/voice/outbound";
    /** The recordingStatusCallback of every recording Switchboard starts. */
    public static final String RECORDING = "/twilio/voice/recording";
    /** A voicemail {@code <Record>}'s action and its recording callback. */
    public static final String VOICEMAIL = "/twilio/voice/voicemail";
    /** The action of a flow's menus ({@code <Gather>}) and ring groups ({@code <Dial>}). */
    public static final String FLOW = "/twilio/voice/flow";
    /** A voicemail's transcribeCallback. */
    public static final String TRANSCRIPTION = "/twilio/voice/transcription";
    /** Every number's SmsUrl: an inbound SMS or MMS. */
    public static final String MESSAGING_INBOUND = "/twilio/messaging/inbound";
    /** The StatusCallback of every message Switchboard sends. */
    public static final String MESSAGING_STATUS = "/twilio/messaging/status";

    private WebhookPaths() {
    }
}
