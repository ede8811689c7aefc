package dev.switchboard.shared.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * application/x-www-form-urlencoded, parsed the way the signature needs it: blank values are
 * kept ({@code FromZip=} is signed as {@code FromZip}), and nothing is re-encoded.
 */
public final class FormBody {
    private FormBody() {
    }

    public static Map<String, String> parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return Collections.unmodifiableMap(params);
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw WebhookRejected.badRequest("Malformed form body: a parameter has no name");
            }
            // Twilio sends each parameter once; a repeated one cannot be signed unambiguously.
            if (params.putIfAbsent(name, value) != null) {
                throw WebhookRejected.badRequest("Malformed form body: parameter " + name + " appears twice");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.badRequest("Malformed form body: bad percent-encoding");
        }
    }
}
