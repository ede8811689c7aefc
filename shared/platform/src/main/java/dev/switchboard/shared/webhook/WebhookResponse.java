package dev.switchboard.shared.webhook;

import dev.switchboard.shared.twiml.Twiml;

/** What a webhook answers: a status and a complete body (Twilio rejects chunked TwiML). */
public record WebhookResponse(int status, String contentType, String body) {
    private static final String EMPTY = Twiml.response().toXml();

    public static WebhookResponse twiml(Twiml response) {
        return new WebhookResponse(200, "text/xml", response.toXml());
    }

    /** The answer to a callback whose response Twilio ignores. */
    public static WebhookResponse emptyTwiml() {
        return new WebhookResponse(200, "text/xml", EMPTY);
    }

    public static WebhookResponse error(int status, String reason) {
        return new WebhookResponse(status, "text/plain; charset=utf-8", reason);
    }
}
