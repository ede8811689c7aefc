package dev.switchboard.api.tenants;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.apikeys.ApiKeySecrets;
import dev.switchboard.shared.apikeys.ApiKeys;
import dev.switchboard.shared.tenancy.TenantAccess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Console sessions: a tenant's API key exchanged once for a token that ends within hours and can be
 * revoked, so that a browser never keeps the long-lived key. A session acts for its tenant as the key
 * does, except that it cannot make keys or sessions.
 */
public final class ConsoleSessionsApi {
    static final int DEFAULT_HOURS = 8;
    static final int MAX_HOURS = 12;

    private final ApiKeys keys;
    private final TenantAccess access;
    private final Clock clock;

    public ConsoleSessionsApi(ApiKeys keys, TenantAccess access, Clock clock) {
        this.keys = keys;
        this.access = access;
        this.clock = clock;
    }

    public ApiRoutes routes(ApiRoutes routes) {
        return routes
                .on("POST /v1/tenants/{tenantId}/console/sessions", this::create)
                .on("DELETE /v1/tenants/{tenantId}/console/sessions/{sessionId}", this::revoke);
    }

    ApiResponse create(ApiRequest request) {
        request.principal().requireKey();
        String tenantId = access.tenant(request);
        int hours = DEFAULT_HOURS;
        if (request.body().isPresent()) {
            hours = request.json().only(Set.of("hours")).integer("hours").orElse(DEFAULT_HOURS);
        }
        if (hours < 1 || hours > MAX_HOURS) {
            throw ApiError.unprocessable("hours", "hours must be from 1 to " + MAX_HOURS);
        }
        Instant now = clock.instant();
        var issued = ApiKeySecrets.issueSession(tenantId, now, Duration.ofHours(hours));
        keys.create(issued.stored());
        return ApiResponse.created(new IssuedSession(issued.stored().keyId(), issued.key(), issued.stored().expiresAt()));
    }

    /** Signing out: by the session itself, or by a key of its tenant. */
    ApiResponse revoke(ApiRequest request) {
        String tenantId = access.tenant(request);
        String sessionId = request.path("sessionId");
        boolean session = keys.get(sessionId).filter(k -> k.tenantId().equals(tenantId) && k.session()).isPresent();
        if (!session || !keys.revoke(tenantId, sessionId, clock.instant())) {
            throw ApiError.notFound("Console session " + sessionId);
        }
        return ApiResponse.noContent();
    }

    /** @param session the token, shown this once: Authorization: Bearer sbs_… */
    record IssuedSession(String id, String session, Instant expiresAt) {
    }
}
