package dev.switchboard.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Envelope encryption of credentials at rest: each secret gets its own data key, the secret is
 * sealed with AES-256-GCM under it, and the data key is stored wrapped. The context (for an
 * auth token, its AccountSid) is bound into both layers, so a sealed token copied onto another
 * account's row does not open.
 *
 * <p>Sealed form: {@code v1.<wrapped key>.<nonce+ciphertext+tag>}, base64url without padding.
 */
public final class SecretSealer {
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final DataKeys dataKeys;

    public SecretSealer(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    public String seal(String secret, Map<String, String> context) {
        DataKeys.DataKey key = dataKeys.generate(context);
        try {
            byte[] sealed = AesGcm.encrypt(key.plaintext(), secret.getBytes(StandardCharsets.UTF_8),
                    AesGcm.aad(context));
            return VERSION + "." + ENCODER.encodeToString(key.wrapped()) + "." + ENCODER.encodeToString(sealed);
        } finally {
            Arrays.fill(key.plaintext(), (byte) 0);
        }
    }

    public String open(String sealed, Map<String, String> context) {
        String[] parts = sealed.split("\\.");
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SecretUnreadable("unknown format");
        }
        byte[] key;
        try {
            key = dataKeys.unwrap(DECODER.decode(parts[1]), context);
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadable("malformed");
        }
        try {
            return new String(AesGcm.decrypt(key, DECODER.decode(parts[2]), AesGcm.aad(context)),
                    StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
