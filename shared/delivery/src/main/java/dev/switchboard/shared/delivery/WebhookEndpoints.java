package dev.switchboard.shared.delivery;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.store.Page;

import java.util.List;

import java.util.Optional;

/** A tenant's webhook endpoints. */
public interface WebhookEndpoints {
    /** At most this many per tenant: each is a delivery per event, and a tenant needs a few. */
    int MAX_PER_TENANT = 20;

    enum Created { CREATED, ID_TAKEN, TOO_MANY }

    Created create(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> get(String tenantId, String endpointId);

    /** Replaces the endpoint as read: false when it changed or went meanwhile. */
    boolean replace(WebhookEndpoint before, WebhookEndpoint after);

    /** As {@link #replace(WebhookEndpoint, WebhookEndpoint)}, with the events that report the change. */
    boolean replace(WebhookEndpoint before, WebhookEndpoint after, List<DomainEvent> events);

    Page<WebhookEndpoint> list(String tenantId, String cursor, int limit);

    boolean delete(String tenantId, String endpointId);
}
