package dev.switchboard.shared.crypto;

import java.util.Map;

/**
 * Source of per-secret data keys (envelope encryption). The wrapped form is stored beside the
 * ciphertext; only the key holder (KMS in AWS, the local stack's generated key locally) can
 * unwrap it, and only with the same context.
 */
public interface DataKeys {

    record DataKey(byte[] plaintext, byte[] wrapped) {
    }

    DataKey generate(Map<String, String> context);

    byte[] unwrap(byte[] wrapped, Map<String, String> context);
}
