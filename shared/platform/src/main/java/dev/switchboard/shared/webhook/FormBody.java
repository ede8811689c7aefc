package dev.switchboard.shared.webhook;

import dev.switchboard.shared.json.Text;

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

    /**
     * Percent-decoding, strictly: the bytes a parameter names must be UTF-8, as Twilio's always
     * are. (URLDecoder would turn a bad byte into U+FFFD, a character nobody sent.)
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < text.length() ? hex(text.charAt(i + 1)) : -1;
                int low = high < 0 ? -1 : hex(text.charAt(i + 2));
                if (low < 0) {
                    throw WebhookRejected.badRequest("Malformed form body: bad percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return Text.utf8(bytes.toByteArray())
                .orElseThrow(() -> WebhookRejected.badRequest("Malformed form body: a parameter is not UTF-8"));
    }

    /** An ASCII hex digit's value, else -1 (Character.digit would take other scripts' digits too). */
    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
