package dev.switchboard.shared.crypto;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

import java.util.Map;

/** Data keys from a customer-managed KMS key; the encryption context is enforced by KMS. */
public final class KmsDataKeys implements DataKeys {
    private final KmsClient kms;
    private final String keyId;

    public KmsDataKeys(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public DataKey generate(Map<String, String> context) {
        GenerateDataKeyResponse response = kms.generateDataKey(b -> b
                .keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context));
        return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(byte[] wrapped, Map<String, String> context) {
        try {
            return kms.decrypt(b -> b.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                    .encryptionContext(context)).plaintext().asByteArray();
        } catch (InvalidCiphertextException e) {
            throw new SecretUnreadable("KMS refused the data key (wrong key or context)");
        }
    }
}
