package dev.switchboard.api.authorizer;

import dev.switchboard.shared.api.Principal;
import dev.switchboard.shared.apikeys.ApiKeySecrets;
import dev.switchboard.shared.apikeys.ApiKeys;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides who presents an {@code Authorization: Bearer <key>}: the platform admin, a tenant
 * through one of its unrevoked keys or unexpired console sessions, or nobody.
 *
 * <p>The verdict goes to the API function in the authorizer context rather than as a deny:
 * HTTP APIs answer every authorizer deny with 403, and a missing, unknown or revoked key is a
 * 401. The API functions refuse {@link Principal.Role#NONE} with 401.
 */
public final class ApiKeyAuthorizer {
    private final ApiKeys keys;
    private final Supplier<Optional<String>> adminKey;
    private final java.time.Clock clock;

    public ApiKeyAuthorizer(ApiKeys keys, Supplier<Optional<String>> adminKey, java.time.Clock clock) {
        this.keys = keys;
        this.adminKey = adminKey;
        this.clock = clock;
    }

    public Principal authorize(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Principal.none();
        }
        String presented = authorization.substring(7).trim();
        if (presented.startsWith("sba_")) {
            return adminKey.get().filter(admin -> ApiKeySecrets.sameKey(admin, presented))
                    .map(admin -> Principal.admin()).orElse(Principal.none());
        }
        return ApiKeySecrets.parse(presented)
                .flatMap(key -> keys.get(key.keyId())
                        .filter(stored -> stored.valid(clock.instant()))
                        .filter(stored -> ApiKeySecrets.matches(stored, key)))
                .map(stored -> stored.session() ? Principal.session(stored.tenantId(), stored.keyId())
                        : Principal.tenant(stored.tenantId(), stored.keyId()))
                .orElse(Principal.none());
    }
}
