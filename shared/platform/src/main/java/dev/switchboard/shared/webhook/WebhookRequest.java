package dev.switchboard.shared.webhook;

import java.util.Map;
import java.util.Optional;

/**
 * A request from Twilio, independent of how it reached us.
 *
 * @param baseUrl the public base URL the request came in on, for building callback URLs
 * @param url     the URL Twilio requested, as it signed it (public base URL, raw path, raw query)
 * @param headers header names in lower case
 * @param body    the body as text, decoded from base64 when API Gateway encoded it
 * @param params  the form parameters; empty for a JSON body
 */
public record WebhookRequest(String baseUrl, String url, Map<String, String> headers, String body,
                             Map<String, String> params) {

    public static final String SIGNATURE_HEADER = "x-twilio-signature";

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName)).filter(v -> !v.isBlank());
    }

    public boolean isJson() {
        return header("content-type").map(t -> t.toLowerCase().startsWith("application/json")).orElse(false);
    }
}
