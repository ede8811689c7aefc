package dev.switchboard.shared.apikeys;

import java.time.Instant;

/**
 * A tenant's API key as stored: its id and a hash of its secret, never the secret itself.
 *
 * @param revokedAt null while the key works
 */
public record ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt,
                     Instant revokedAt) {
    @Override
    public String toString() {
        return "ApiKey[keyId=" + keyId + ", tenantId=" + tenantId + "]";
    }
}
