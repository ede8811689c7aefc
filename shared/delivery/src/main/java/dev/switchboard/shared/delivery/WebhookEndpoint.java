package dev.switchboard.shared.delivery;

import dev.switchboard.shared.events.EventTypeFilter;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant's server that receives its events, signed.
 *
 * @param secret   the current signing secret, sealed at rest (only its holder's key opens it)
 * @param previous the secret before the last rotation, still signed with until {@code previousUntil}
 * @param health   whether deliveries reach it (a disabled endpoint receives nothing until enabled)
 */
public record WebhookEndpoint(String tenantId, String id, String url, String description, EventTypeFilter eventTypes,
                              String secret, String previous, Instant previousUntil, EndpointHealth health,
                              Instant createdAt, Instant updatedAt) {
    public static final int MAX_DESCRIPTION = 200;

    public WebhookEndpoint {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description may be at most " + MAX_DESCRIPTION + " characters");
        }
    }

    /** The same endpoint sent elsewhere, described or filtered anew. */
    public WebhookEndpoint changed(String url, String description, EventTypeFilter eventTypes, Instant now) {
        return new WebhookEndpoint(tenantId, id, url, description, eventTypes, secret, previous, previousUntil, health,
                createdAt, now);
    }

    public WebhookEndpoint withHealth(EndpointHealth health, Instant now) {
        return new WebhookEndpoint(tenantId, id, url, description, eventTypes, secret, previous, previousUntil, health,
                createdAt, now);
    }

    /**
     * Signing with {@code sealedSecret} from now on; the current secret keeps signing beside it until
     * {@code overlapUntil}, or stops at once when there is no overlap (null).
     */
    public WebhookEndpoint rotated(String sealedSecret, Instant overlapUntil, Instant now) {
        return new WebhookEndpoint(tenantId, id, url, description, eventTypes, sealedSecret,
                overlapUntil == null ? null : secret, overlapUntil, health, createdAt, now);
    }

    public boolean enabled() {
        return !(health instanceof EndpointHealth.Disabled);
    }

    /** What a sealed secret of this endpoint is bound to: it opens only for this tenant's endpoint. */
    public static Map<String, String> sealingContext(String tenantId, String endpointId) {
        return Map.of("tenantId", tenantId, "endpointId", endpointId, "purpose", "webhook-endpoint-secret");
    }
}
