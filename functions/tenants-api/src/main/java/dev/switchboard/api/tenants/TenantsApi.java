package dev.switchboard.api.tenants;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.apikeys.ApiKey;
import dev.switchboard.shared.apikeys.ApiKeySecrets;
import dev.switchboard.shared.apikeys.ApiKeys;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.RecordingSettings;
import dev.switchboard.shared.tenancy.Tenant;
import dev.switchboard.shared.tenancy.TimeZones;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/** Tenants and their API keys. A key's secret is in the response that creates it, and nowhere else, ever. */
public final class TenantsApi {
    private final Tenants tenants;
    private final ApiKeys keys;
    private final TenantAccess access;
    private final CursorSeal cursors;
    private final Clock clock;

    public TenantsApi(Tenants tenants, ApiKeys keys, Clock clock, CursorSeal cursors) {
        this.tenants = tenants;
        this.cursors = cursors;
        this.keys = keys;
        this.access = new TenantAccess(tenants);
        this.clock = clock;
    }

    public ApiRoutes routes() {
        return new ApiRoutes()
                .on("POST /v1/tenants", this::createTenant)
                .on("GET /v1/tenants/{tenantId}", this::getTenant)
                .on("PATCH /v1/tenants/{tenantId}", this::updateTenant)
                .on("POST /v1/tenants/{tenantId}/api-keys", this::createKey)
                .on("GET /v1/tenants/{tenantId}/api-keys", this::listKeys)
                .on("DELETE /v1/tenants/{tenantId}/api-keys/{keyId}", this::revokeKey);
    }

    ApiResponse createTenant(ApiRequest request) {
        request.principal().requireAdmin();
        JsonObject body = request.json().only(Set.of("id", "name"));
        String id = body.requiredString("id");
        String name = body.string("name", JsonObject.MAX_NAME).orElse(id);
        Tenant tenant = JsonObject.validated("id", () -> new Tenant(id, name));
        if (!tenants.create(tenant)) {
            throw ApiError.conflict("Tenant " + id + " exists already");
        }
        var issued = ApiKeySecrets.issue(tenant.id(), "first key", clock.instant());
        keys.create(issued.stored());
        return ApiResponse.created(new CreatedTenant(view(tenant, RecordingSettings.DEFAULT, TimeZones.UTC), IssuedKeyView.of(issued)));
    }

    ApiResponse getTenant(ApiRequest request) {
        String tenantId = access.tenant(request);
        Tenant tenant = tenants.get(tenantId).orElseThrow(() -> ApiError.notFound("Tenant " + tenantId));
        return ApiResponse.ok(view(tenant, tenants.recordingSettings(tenantId), tenants.timeZone(tenantId)));
    }

    /** The tenant's settings: how its recordings are kept, and the time zone its metrics are counted in. */
    ApiResponse updateTenant(ApiRequest request) {
        String tenantId = access.tenant(request);
        Tenant tenant = tenants.get(tenantId).orElseThrow(() -> ApiError.notFound("Tenant " + tenantId));
        JsonObject body = request.json().only(Set.of("recordings", "timeZone"));
        RecordingSettings current = tenants.recordingSettings(tenantId);
        Optional<ZoneId> zone = body.string("timeZone", 64).map(id -> TimeZones.parse(id).orElseThrow(() ->
                ApiError.unprocessable("timeZone", "timeZone must be an IANA time zone such as America/New_York, or UTC")));
        RecordingSettings settings = body.object("recordings").map(r -> {
            JsonObject recordings = r.only(Set.of("format", "deleteAtTwilio"));
            String format = recordings.string("format", 8).orElse(current.format());
            if (!RecordingSettings.FORMATS.contains(format)) {
                throw ApiError.unprocessable("recordings.format", "recordings.format must be mp3 or wav");
            }
            return new RecordingSettings(format, recordings.bool("deleteAtTwilio").orElse(current.deleteAtTwilio()));
        }).orElse(current);
        if (!tenants.setRecordingSettings(tenantId, settings)
                || zone.isPresent() && !tenants.setTimeZone(tenantId, zone.get())) {
            throw ApiError.notFound("Tenant " + tenantId);
        }
        return ApiResponse.ok(view(tenant, settings, zone.orElseGet(() -> tenants.timeZone(tenantId))));
    }

    ApiResponse createKey(ApiRequest request) {
        request.principal().requireKey();
        String tenantId = access.tenant(request);
        String name = request.body().isPresent()
                ? request.json().only(Set.of("name")).string("name").orElse("") : "";
        if (name.length() > 100) {
            throw ApiError.unprocessable("name", "name must be at most 100 characters");
        }
        var issued = ApiKeySecrets.issue(tenantId, name, clock.instant());
        keys.create(issued.stored());
        return ApiResponse.created(IssuedKeyView.of(issued));
    }

    ApiResponse listKeys(ApiRequest request) {
        request.principal().requireKey();
        String tenantId = access.tenant(request);
        String scope = CursorSeal.scope("api-keys", tenantId);
        return ApiResponse.ok(cursors.page(request, scope, (at, limit) -> keys.list(tenantId, at, limit),
                KeyView::of));
    }

    ApiResponse revokeKey(ApiRequest request) {
        request.principal().requireKey();
        String tenantId = access.tenant(request);
        if (!keys.revoke(tenantId, request.path("keyId"), clock.instant())) {
            throw ApiError.notFound("API key " + request.path("keyId"));
        }
        return ApiResponse.noContent();
    }

    /** A tenant as the API shows it. */
    /** @param timeZone what its metrics are counted in unless a report asks for another (UTC until set) */
    record TenantView(String id, String name, String timeZone, RecordingsView recordings) {
    }

    /** @param deleteAtTwilio delete each recording at Twilio once its copy in S3 is verified */
    record RecordingsView(String format, boolean deleteAtTwilio) {
    }

    private static TenantView view(Tenant tenant, RecordingSettings settings, ZoneId zone) {
        return new TenantView(tenant.id(), tenant.name(), zone.getId(), new RecordingsView(settings.format(), settings.deleteAtTwilio()));
    }

    /** A new tenant and its first API key, shown this once. */
    record CreatedTenant(TenantView tenant, IssuedKeyView apiKey) {
    }

    /** An API key as listed: never the key itself. */
    record KeyView(String id, String name, String createdAt, String revokedAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.keyId(), key.name(), key.createdAt().toString(),
                    key.revokedAt() == null ? null : key.revokedAt().toString());
        }
    }

    /** A key just issued, with the key: the only answer that ever carries it. */
    record IssuedKeyView(String id, String name, String createdAt, String key) {
        static IssuedKeyView of(ApiKeySecrets.Issued issued) {
            return new IssuedKeyView(issued.stored().keyId(), issued.stored().name(),
                    issued.stored().createdAt().toString(), issued.key());
        }
    }
}
