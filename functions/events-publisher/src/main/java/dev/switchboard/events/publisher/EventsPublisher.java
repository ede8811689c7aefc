package dev.switchboard.events.publisher;

import dev.switchboard.shared.concurrent.SideBySide;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventRouting;
import dev.switchboard.shared.log.Log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes the outbox: each new event of the events table to every queue its type is routed to,
 * in stream order, ten at a time (one SendMessageBatch per queue, the queues side by side). It stops
 * at the first event it cannot publish and names it, so Lambda retries from there: none after it
 * overtakes it (those of its ten already sent may be sent again: consumers drop duplicates by id).
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
        List<OutboxRecord> inserted = records.stream().filter(OutboxRecord::inserted).toList();
        for (List<OutboxRecord> chunk : chunks(inserted)) {
            Optional<OutboxRecord> failed = publishChunk(chunk);
            // Settled up to the first that failed; Lambda retries from it, so none after it overtakes it.
            for (OutboxRecord record : chunk) {
                if (failed.isPresent() && failed.get() == record) {
                    return Optional.of(record.sequenceNumber());
                }
                settle(record, record.image().get(EventOutbox.EVENT_ID));
            }
        }
        return Optional.empty();
    }

    /**
     * The records in stream order, cut into batches SQS takes: ten messages, and a total well under
     * SendMessageBatch's 256 KiB (attributes included).
     */
    static List<List<OutboxRecord>> chunks(List<OutboxRecord> records) {
        List<List<OutboxRecord>> chunks = new ArrayList<>();
        List<OutboxRecord> chunk = new ArrayList<>();
        long bytes = 0;
        for (OutboxRecord record : records) {
            String body = record.image().get(EventOutbox.BODY);
            long size = body == null ? 0 : body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 512;
            if (!chunk.isEmpty() && (chunk.size() == SqsEventSender.BATCH || bytes + size > BATCH_BYTES)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(record);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** What one batch may carry: SQS takes 256 KiB; a margin for the attributes and the JSON around them. */
    static final long BATCH_BYTES = 200 * 1024;

    /**
     * Up to ten events to every queue their types are routed to, one SendMessageBatch per queue, the
     * queues side by side: a chunk costs one round trip, not one per event and queue.
     *
     * @return the first record of the chunk that did not reach all its queues
     */
    private Optional<OutboxRecord> publishChunk(List<OutboxRecord> chunk) {
        Map<String, List<SqsEventSender.Outgoing>> byQueue = new LinkedHashMap<>();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        // An item that cannot be published (no body, say) ends the chunk: those before it are sent.
        OutboxRecord unpublishable = null;
        List<OutboxRecord> sendable = new ArrayList<>();
        for (OutboxRecord record : chunk) {
            try {
                var image = record.image();
                var outgoing = new SqsEventSender.Outgoing(required(image, EventOutbox.EVENT_ID),
                        required(image, EventOutbox.TYPE), required(image, EventOutbox.TENANT_ID),
                        required(image, EventOutbox.BODY));
                for (var target : routing.targetsOf(outgoing.type())) {
                    byQueue.computeIfAbsent(target.queueUrl(), q -> new ArrayList<>()).add(outgoing);
                }
                sendable.add(record);
            } catch (RuntimeException e) {
                LOG.error("event not published", e, "sequenceNumber", record.sequenceNumber());
                unpublishable = record;
                break;
            }
        }
        List<Runnable> sends = new ArrayList<>();
        for (var queue : byQueue.entrySet()) {
            sends.add(() -> {
                try {
                    failed.addAll(sender.send(queue.getKey(), queue.getValue()));
                } catch (Throwable e) {
                    // Never dropped: retried by Lambda, and after the last retry its place in the stream
                    // goes to the on-failure queue. The events stay in the table for the replay API.
                    LOG.error("events not published", e, "queueUrl", queue.getKey());
                    queue.getValue().forEach(o -> failed.add(o.eventId()));
                }
            });
        }
        SideBySide.run(sends);
        for (OutboxRecord record : sendable) {
            String eventId = record.image().get(EventOutbox.EVENT_ID);
            if (failed.contains(eventId)) {
                LOG.error("event not published", null, "eventId", eventId, "sequenceNumber", record.sequenceNumber());
                return Optional.of(record);
            }
            LOG.info("event published", "eventId", eventId, "type", record.image().get(EventOutbox.TYPE),
                    "tenantId", record.image().get(EventOutbox.TENANT_ID));
        }
        return Optional.ofNullable(unpublishable);
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

    private static String required(java.util.Map<String, String> image, String name) {
        String value = image.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the outbox item has no " + name);
        }
        return value;
    }
}
