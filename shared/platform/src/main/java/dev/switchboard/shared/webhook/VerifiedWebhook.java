package dev.switchboard.shared.webhook;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook whose signature checked out with the token of the account it names: from here on
 * the tenant is known and the parameters can be trusted to come from Twilio. Deliberately
 * without I-Twilio-Idempotency-Token: that header is not signed, so nothing may be keyed on it;
 * a delivery is recognised by what Twilio signed (see CallItems.logEntry).
 */
public record VerifiedWebhook(String tenantId, String accountSid, Map<String, String> params,
                              URI baseUrl, Map<String, String> query) {

    public VerifiedWebhook(String tenantId, String accountSid, Map<String, String> params, URI baseUrl) {
        this(tenantId, accountSid, params, baseUrl, Map.of());
    }

    /**
     * A parameter of the URL's query string: signed with the rest of the URL, so as trustworthy as
     * the form (Switchboard puts its own ids there in the callback URLs it gives Twilio).
     */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    /** A parameter the webhook cannot do without: missing or blank is a 400 naming it. */
    public String required(String name) {
        return param(name).orElseThrow(() -> WebhookRejected.badRequest("Missing required parameter " + name));
    }

    /**
     * A whole-number parameter, if present, between 0 and {@code max}: anything else is a 400
     * naming it, never a silently wrapped value.
     */
    public Optional<Long> wholeNumber(String name, long max) {
        return param(name).map(value -> {
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw WebhookRejected.badRequest(name + " is not a whole number");
            }
            if (number < 0 || number > max) {
                throw WebhookRejected.badRequest(name + " must be between 0 and " + max);
            }
            return number;
        });
    }
}
