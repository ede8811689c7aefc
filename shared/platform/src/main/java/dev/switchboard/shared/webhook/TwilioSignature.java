package dev.switchboard.shared.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks X-Twilio-Signature as Twilio documents it: Base64 of HMAC-SHA1, keyed with the account's
 * auth token, of the URL Twilio requested followed by every POST parameter, name then value, in
 * name order. The URL is tried as it came and with the scheme's default port added or removed,
 * since Twilio is inconsistent about ":443"; signatures are compared in constant time. A JSON
 * webhook signs the URL alone, which carries bodySHA256, the hex SHA-256 of the raw body.
 *
 * <p>Written here rather than taken from twilio-java, whose validator brings its REST client's
 * dependencies to every webhook's cold start and re-encodes the URL before checking it.
 */
public final class TwilioSignature {
    private static final String HMAC_SHA1 = "HmacSHA1";

    private TwilioSignature() {
    }

    public static boolean isValid(String authToken, WebhookRequest request) {
        String signature = request.header(WebhookRequest.SIGNATURE_HEADER).orElse(null);
        if (signature == null) {
            return false;
        }
        if (request.isJson()) {
            String url = request.url();
            int query = url.indexOf('?');
            String expectedBody = query < 0 ? null : FormBody.parse(url.substring(query + 1)).get("bodySHA256");
            return expectedBody != null && isValid(authToken, url, Map.of(), signature)
                    && equal(sha256Hex(request.body()), expectedBody);
        }
        return isValid(authToken, request.url(), request.params(), signature);
    }

    /** Whether {@code signature} is Twilio's for this URL and these parameters. */
    public static boolean isValid(String authToken, String url, Map<String, String> params, String signature) {
        for (String candidate : urls(url)) {
            if (equal(sign(authToken, candidate, params), signature)) {
                return true;
            }
        }
        return false;
    }

    /** The signature Twilio would send for this URL and these parameters. */
    public static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    /** The URL as it came, and with its scheme's default port added (or its port removed). */
    static List<String> urls(String url) {
        List<String> urls = new ArrayList<>(List.of(url));
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return urls;
        }
        String scheme = url.substring(0, schemeEnd);
        int hostStart = schemeEnd + 3;
        int authorityEnd = hostStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = url.substring(hostStart, authorityEnd);
        int bracket = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > bracket && colon > authority.lastIndexOf('@');
        String rest = url.substring(authorityEnd);
        if (hasPort) {
            urls.add(scheme + "://" + authority.substring(0, colon) + rest);
        } else if (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) {
            urls.add(scheme + "://" + authority + (scheme.equalsIgnoreCase("https") ? ":443" : ":80") + rest);
        }
        return urls;
    }

    private static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static boolean equal(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
