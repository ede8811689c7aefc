package dev.switchboard.shared.webhook;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook whose signature checked out with the token of the account it names: from here on
 * the tenant is known and the parameters can be trusted to come from Twilio.
 */
public record VerifiedWebhook(String tenantId, String accountSid, Map<String, String> params,
                              Optional<String> idempotencyToken, URI baseUrl) {

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    /** A parameter the webhook cannot do without: missing or blank is a 400 naming it. */
    public String required(String name) {
        return param(name).orElseThrow(() -> WebhookRejected.badRequest("Missing required parameter " + name));
    }

    /**
     * The key that identifies this delivery across Twilio's retries: its idempotency token when
     * Twilio sent one, else the natural key the webhook supplies.
     */
    public String deliveryKey(String webhook, String naturalKey) {
        return webhook + "|" + accountSid + "|" + idempotencyToken.map(t -> "token:" + t).orElse(naturalKey);
    }
}
