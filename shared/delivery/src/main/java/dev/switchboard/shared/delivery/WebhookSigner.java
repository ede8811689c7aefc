package dev.switchboard.shared.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * Signs a delivery as the Standard Webhooks specification (v1) says: HMAC-SHA256 with the endpoint's
 * key over {@code id.timestamp.body}, the exact bytes sent, written {@code v1,<base64>}. During a
 * rotation's overlap a delivery carries one signature per secret, space-separated, so a receiver
 * holding either secret accepts it.
 */
public final class WebhookSigner {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    /** The three headers of one attempt. */
    public record SignedHeaders(String id, String timestamp, String signature) {
    }

    private WebhookSigner() {
    }

    /**
     * @param id        the event's id: the same on every attempt, so the receiver can de-duplicate
     * @param timestamp this attempt's time, in seconds since the epoch
     * @param secrets   the endpoint's current secret, then the previous one while it overlaps
     */
    public static SignedHeaders sign(String id, long timestamp, byte[] body, List<EndpointSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("an endpoint has at least one secret");
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder signature = new StringBuilder();
        for (EndpointSecret secret : secrets) {
            if (!signature.isEmpty()) {
                signature.append(' ');
            }
            signature.append("v1,").append(Base64.getEncoder().encodeToString(hmac(secret.key(), prefix, body)));
        }
        return new SignedHeaders(id, Long.toString(timestamp), signature.toString());
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
