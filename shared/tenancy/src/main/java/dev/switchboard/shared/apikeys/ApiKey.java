package dev.switchboard.shared.apikeys;

import java.time.Instant;

/**
 * A tenant's API key as stored: its id and a hash of its secret, never the secret itself.
 *
 * @param revokedAt null while the key works
 * @param expiresAt null for an API key; when a console session ends
 */
public record ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt,
                     Instant revokedAt, Instant expiresAt) {
    public boolean session() {
        return expiresAt != null;
    }

    /** Whether it lets a request in at {@code now}. */
    public boolean valid(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    @Override
    public String toString() {
        return "ApiKey[keyId=" + keyId + ", tenantId=" + tenantId + "]";
    }
}
