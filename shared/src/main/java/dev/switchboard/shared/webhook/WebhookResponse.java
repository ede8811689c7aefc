package dev.switchboard.shared.webhook;

import com.twilio.twiml.TwiML;
import com.twilio.twiml.VoiceResponse;

/** What a webhook answers: a status and a complete body (Twilio rejects chunked TwiML). */
public record WebhookResponse(int status, String contentType, String body) {

    /** Voice or messaging TwiML, built by twilio-java's builders, which escape every text they hold. */
    public static WebhookResponse twiml(TwiML response) {
        return new WebhookResponse(200, "text/xml", response.toXml());
    }

    /** The answer to a callback whose response Twilio ignores. */
    public static WebhookResponse emptyTwiml() {
        return twiml(new VoiceResponse.Builder().build());
    }

    public static WebhookResponse error(int status, String reason) {
        return new WebhookResponse(status, "text/plain; charset=utf-8", reason);
    }
}
