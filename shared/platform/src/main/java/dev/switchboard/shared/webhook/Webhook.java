package dev.switchboard.shared.webhook;

/** The domain side of a webhook: a verified request in, TwiML (or another answer) out. */
@FunctionalInterface
public interface Webhook {
    WebhookResponse handle(VerifiedWebhook webhook);
}
