package dev.switchboard.shared.events;

import dev.switchboard.shared.json.JsonText;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events table as an outbox: a domain event is written in the same DynamoDB transaction as
 * the state change it reports, and EventsPublisherFunction publishes it from the table's stream.
 * The event's id is its key and the put is conditional on its absence, so a redelivered cause
 * (same id) cancels the whole transaction instead of writing anything twice.
 *
 * <p>Item: {@code eventId} (key), {@code tenantId}, {@code tenantShard} (the partition key of the
 * byTenantShard index that the replay API reads, {@link EventShards}), {@code type}, {@code occurredAt},
 * {@code position} (a {@link LogPosition}: that index's sort key), {@code body} (the message exactly as consumers receive it) and {@code expiresAt}
 * (DynamoDB TTL, EventRetentionDays after it occurred).
 *
 * <p>The replay API lists only events stamped more than the settle window before it reads
 * ({@link DynamoEventLog}), so every event must be visible in the index within that window of
 * its stamp. The stamp is taken as the transaction is built, just before it is sent, and
 * {@link #commit} checks, once DynamoDB has answered, that the commit came within half the window;
 * a slower one (a retried conflict, a stalled connection) moves its events to a new stamp, which
 * no cursor can have passed; the events publisher checks again from the stream's commit times, for
 * a writer that stopped before its check. The other half covers the index's propagation and clock
 * skew.
 */
public final class EventOutbox {
    public static final String EVENT_ID = "eventId";
    public static final String TENANT_ID = "tenantId";
    public static final String TYPE = "type";
    public static final String POSITION = "position";
    public static final String BODY = "body";
    private static final Log LOG = Log.of(EventOutbox.class);
    private static final int RESTAMPS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Duration commitBudget;
    private final Clock clock;

    /** @param settle the replay API's settle window (EVENTS_SETTLE_SECONDS) */
    public EventOutbox(DynamoDbClient dynamo, String table, Duration retention, Duration settle, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.commitBudget = settle.dividedBy(2);
        this.clock = clock;
    }

    /** The event's put, for the transaction that carries its state change; stamped now. */
    public TransactWriteItem put(DomainEvent event) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(Item.create()
                        .put(EVENT_ID, event.id())
                        .put(TENANT_ID, event.tenantId())
                        .put(EventShards.ATTRIBUTE, EventShards.of(event.tenantId(), event.id()))
                        .put(TYPE, event.type())
                        .put("occurredAt", event.occurredAt().toString())
                        .put(POSITION, LogPosition.of(clock.instant(), event.id()))
                        .put(BODY, body(event))
                        .put("expiresAt", event.occurredAt().plus(retention).getEpochSecond())
                        .build())
                .conditionExpression("attribute_not_exists(" + EVENT_ID + ")")
                .build()).build();
    }

    /**
     * Runs a transaction that carries events ({@link Transactions#run}); once it has committed,
     * makes sure each of its events lies where the replay API has not yet read.
     */
    public Optional<List<CancellationReason>> commit(List<TransactWriteItem> items) {
        var reasons = Transactions.run(dynamo, items);
        if (reasons.isEmpty()) {
            Instant confirmed = clock.instant();
            for (TransactWriteItem item : items) {
                Put put = item.put();
                if (put != null && table.equals(put.tableName())) {
                    settle(put.item().get(EVENT_ID).s(), put.item().get(POSITION).s(), confirmed);
                }
            }
        }
        return reasons;
    }

    /**
     * Stamps an event again when its commit may have come later than the budget after its stamp
     * ({@code committedBy}: when it had committed at the latest), until a stamp's own commit does
     * not. The writer asks once DynamoDB has answered; the events publisher asks again from the
     * stream, for a writer that stopped between a slow commit and its check.
     */
    public void settle(String eventId, String position, Instant committedBy) {
        for (int restamp = 1; late(position, committedBy); restamp++) {
            if (restamp > RESTAMPS) {
                LOG.error("event not settled: a consumer tailing the replay API may pass it", null,
                        "eventId", eventId, "position", position);
                return;
            }
            String moved = LogPosition.of(clock.instant(), eventId);
            LOG.warn("event committed late; stamped again", "eventId", eventId,
                    "lateMs", Duration.between(LogPosition.stampedAt(position), committedBy).toMillis());
            try {
                String from = position;
                dynamo.updateItem(b -> b.tableName(table).key(Map.of(EVENT_ID, AttributeValue.fromS(eventId)))
                        .updateExpression("SET #p = :moved").conditionExpression("#p = :from")
                        .expressionAttributeNames(Map.of("#p", POSITION))
                        .expressionAttributeValues(Map.of(":moved", AttributeValue.fromS(moved),
                                ":from", AttributeValue.fromS(from))));
            } catch (ConditionalCheckFailedException e) {
                // Stamped again already (by the writer, or an earlier try of the publisher), or gone.
                return;
            } catch (RuntimeException e) {
                // The state change and its event are committed and published; only a consumer that
                // tails the replay API right now may pass this event (a read from before it has it).
                LOG.error("event not stamped again", e, "eventId", eventId);
                return;
            }
            position = moved;
            committedBy = clock.instant();
        }
    }

    private boolean late(String position, Instant committedBy) {
        return Duration.between(LogPosition.stampedAt(position), committedBy).compareTo(commitBudget) > 0;
    }

    /** The message exactly as consumers receive it (docs/events.md). */
    public static String body(DomainEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("tenantId", event.tenantId());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("payload", event.payload().fields());
        return JsonText.write(body);
    }
}
