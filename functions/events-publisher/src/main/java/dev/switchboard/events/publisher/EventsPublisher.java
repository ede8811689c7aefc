package dev.switchboard.events.publisher;

import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventRouting;
import dev.switchboard.shared.log.Log;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Publishes the outbox: each new event of the events table to every queue its type is routed to,
 * in stream order. It stops at the first event it cannot publish and names it, so Lambda retries
 * from there: the events before it are not sent again, and none after it overtakes it.
 */
public final class EventsPublisher {
    private static final Log LOG = Log.of(EventsPublisher.class);

    /** Moves an event whose commit came late to a stamp no replay cursor has passed (EventOutbox.settle). */
    @FunctionalInterface
    public interface Settling {
        void settle(String eventId, String position, Instant committedBy);
    }

    private final EventRouting routing;
    private final SqsEventSender sender;
    private final Settling settling;

    public EventsPublisher(EventRouting routing, SqsEventSender sender, Settling settling) {
        this.routing = routing;
        this.sender = sender;
        this.settling = settling;
    }

    /** @return the sequence number of the first record not published, if any */
    public Optional<String> publish(List<OutboxRecord> records) {
        for (OutboxRecord record : records) {
            if (!record.inserted()) {
                continue;
            }
            String eventId = record.image().get(EventOutbox.EVENT_ID);
            try {
                publish(record);
            } catch (RuntimeException e) {
                // Never dropped: retried by Lambda, and after the last retry its place in the stream
                // goes to the on-failure queue. The event itself stays in the table for the replay API.
                LOG.error("event not published", e, "eventId", eventId, "sequenceNumber", record.sequenceNumber());
                return Optional.of(record.sequenceNumber());
            }
            settle(record, eventId);
        }
        return Optional.empty();
    }

    /**
     * The writer checks its own commit; this is for one that stopped before it could. It never
     * holds back publishing: a failure here is logged, and the event is published all the same.
     */
    private void settle(OutboxRecord record, String eventId) {
        String position = record.image().get(EventOutbox.POSITION);
        if (record.committedBy() == null || position == null) {
            return;
        }
        try {
            settling.settle(eventId, position, record.committedBy());
        } catch (RuntimeException e) {
            LOG.error("event not checked for a late commit", e, "eventId", eventId, "position", position);
        }
    }

    private void publish(OutboxRecord record) {
        var image = record.image();
        String eventId = required(image, EventOutbox.EVENT_ID);
        String type = required(image, EventOutbox.TYPE);
        String tenantId = required(image, EventOutbox.TENANT_ID);
        String body = required(image, EventOutbox.BODY);
        for (var target : routing.targetsOf(type)) {
            sender.send(target.queueUrl(), eventId, type, tenantId, body);
        }
        LOG.info("event published", "eventId", eventId, "type", type, "tenantId", tenantId);
    }

    private static String required(java.util.Map<String, String> image, String name) {
        String value = image.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the outbox item has no " + name);
        }
        return value;
    }
}
