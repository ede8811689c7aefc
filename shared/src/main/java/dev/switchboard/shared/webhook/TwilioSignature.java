package dev.switchboard.shared.webhook;

import com.twilio.security.RequestValidator;

import java.net.URISyntaxException;

/**
 * Checks X-Twilio-Signature. twilio-java's validator tries the URL with and without the
 * default port (Twilio is inconsistent about ":443") and compares in constant time.
 */
public final class TwilioSignature {
    private TwilioSignature() {
    }

    public static boolean isValid(String authToken, WebhookRequest request) {
        String signature = request.header(WebhookRequest.SIGNATURE_HEADER).orElse(null);
        if (signature == null) {
            return false;
        }
        RequestValidator validator = new RequestValidator(authToken);
        if (request.isJson()) {
            // JSON webhooks sign the URL alone, which carries bodySHA256 of the raw body.
            try {
                return request.url().contains("bodySHA256=") && validator.validate(request.url(), request.body(), signature);
            } catch (URISyntaxException e) {
                return false;
            }
        }
        return validator.validate(request.url(), request.params(), signature);
    }
}
