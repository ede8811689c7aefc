package dev.switchboard.delivery.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.concurrent.SideBySide;
import dev.switchboard.shared.delivery.DeliveryJob;
import dev.switchboard.shared.delivery.DeliveryQueue;
import dev.switchboard.shared.delivery.WebhookEndpoint;
import dev.switchboard.shared.delivery.WebhookEndpoints;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the delivery queue carries: an event from the outbox, fanned out here to each endpoint of
 * its tenant that wants it, the first attempts side by side (a slow endpoint holds only its own;
 * its retries are messages of their own), or a job (a retry, a redelivery, a recovery's stretch).
 */
public final class Deliveries implements MessageHandler {
    private static final Log LOG = Log.of(Deliveries.class);

    private final WebhookEndpoints endpoints;
    private final DeliveryQueue queue;
    private final Attempts attempts;
    private final Recoveries recoveries;
    private final Clock clock;

    public Deliveries(WebhookEndpoints endpoints, DeliveryQueue queue, Attempts attempts, Recoveries recoveries,
                      Clock clock) {
        this.endpoints = endpoints;
        this.queue = queue;
        this.attempts = attempts;
        this.recoveries = recoveries;
        this.clock = clock;
    }

    @Override
    public void handle(QueueMessage message) {
        JsonNode body = Json.parse(message.body());
        switch (DeliveryJob.read(body)) {
            case null -> fanOut(body, message.body());
            case DeliveryJob.Attempt attempt -> attempts.attempt(attempt);
            case DeliveryJob.Recovery recovery -> recoveries.recover(recovery);
        }
    }

    private void fanOut(JsonNode event, String body) {
        String tenantId = event.path("tenantId").asText();
        String eventId = event.path("id").asText();
        String type = event.path("type").asText();
        if (tenantId.isEmpty() || eventId.isEmpty() || type.isEmpty()) {
            // Nothing to deliver and nothing a retry would mend: logged, not returned to the queue.
            LOG.error("event without tenant, id or type not delivered", null, "messageType", type);
            return;
        }
        List<Runnable> first = new ArrayList<>();
        for (WebhookEndpoint endpoint : endpoints.list(tenantId, null, WebhookEndpoints.MAX_PER_TENANT + 1).items()) {
            if (endpoint.enabled() && endpoint.eventTypes().matches(type) && !about(event, endpoint)) {
                var job = new DeliveryJob.Attempt(tenantId, endpoint.id(), eventId, type, 1, clock.instant(), body);
                // Each endpoint's first attempt side by side: one that takes its 15 s holds no other.
                // One that fails on Switchboard's side goes to the queue as a job of its own, so the
                // others are not sent again for it.
                first.add(() -> {
                    try {
                        attempts.attempt(job, endpoint);
                    } catch (RuntimeException e) {
                        LOG.error("first attempt failed; queued", e, "endpointId", endpoint.id(), "eventId", eventId);
                        queue.send(job);
                    }
                });
            }
        }
        List<Throwable> failures = SideBySide.run(first);
        LOG.info("event fanned out", "eventId", eventId, "type", type, "endpoints", first.size());
        if (!failures.isEmpty()) {
            // Not even queued (SQS failing too): the event comes back, and the endpoints that had it
            // get it again with the same webhook-id.
            throw new IllegalStateException("an endpoint's first attempt failed and was not queued",
                    failures.getFirst());
        }
    }

    /** An endpoint's own warnings go to the tenant's other channels: it is failing, it would not hear. */
    static boolean about(JsonNode event, WebhookEndpoint endpoint) {
        return event.path("type").asText().startsWith("endpoint.")
                && endpoint.id().equals(event.path("payload").path("endpointId").asText());
    }
}
