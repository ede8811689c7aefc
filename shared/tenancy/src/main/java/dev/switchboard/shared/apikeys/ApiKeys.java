package dev.switchboard.shared.apikeys;

import dev.switchboard.shared.store.Page;

import java.time.Instant;
import java.util.Optional;

/** Storage of tenants' API keys. */
public interface ApiKeys {
    void create(ApiKey key);

    Optional<ApiKey> get(String keyId);

    Page<ApiKey> list(String tenantId, String cursor, int limit);

    /** @return false when the tenant has no such key */
    boolean revoke(String tenantId, String keyId, Instant at);
}
