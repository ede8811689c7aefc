package dev.switchboard.shared.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Data keys wrapped under a 256-bit key held in configuration. For the local stack, which
 * generates a fresh key each start; in AWS the key lives in KMS instead ({@link KmsDataKeys}).
 */
public final class LocalDataKeys implements DataKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] masterKey;

    public LocalDataKeys(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("The local secret key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.masterKey = masterKey.clone();
    }

    public static LocalDataKeys fromBase64(String key) {
        return new LocalDataKeys(Base64.getDecoder().decode(key));
    }

    public static String newKeyBase64() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public DataKey generate(Map<String, String> context) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new DataKey(key, AesGcm.encrypt(masterKey, key, AesGcm.aad(context)));
    }

    @Override
    public byte[] unwrap(byte[] wrapped, Map<String, String> context) {
        return AesGcm.decrypt(masterKey, wrapped, AesGcm.aad(context));
    }
}
