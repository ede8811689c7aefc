package dev.switchboard.shared.crypto;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Deployment-wide keys for a purpose (e.g. signing list cursors), derived as HMAC-SHA256 of
 * the purpose's label under a root key. Every container of a deployment derives the same key,
 * so nothing needs to be stored or rotated by hand.
 *
 * <p>In AWS the root is an HMAC KMS key that never leaves KMS: one GenerateMac per container,
 * on first use. The local stack derives from its local secret key instead.
 */
public final class DerivedKeys {
    private DerivedKeys() {
    }

    public static byte[] fromKms(KmsClient kms, String hmacKeyId, String label) {
        return kms.generateMac(b -> b.keyId(hmacKeyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromString(label, StandardCharsets.UTF_8))).mac().asByteArray();
    }

    /** @param rootKeyBase64 the local stack's secret key: base64 of 32 random bytes */
    public static byte[] fromLocalKey(String rootKeyBase64, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(rootKeyBase64), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
