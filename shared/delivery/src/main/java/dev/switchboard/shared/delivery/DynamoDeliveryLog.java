package dev.switchboard.shared.delivery;

import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.ShardedQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The delivery log in an endpoint's partitions, one per shard of its events ({@link DeliveryShards}):
 * {@code a#<attemptedAt millis, 13 digits>#<eventId>#<attempt>} per attempt (so a query lists them by
 * time, and the shards merge into one list) and {@code d#<eventId>} with the event's last result
 * (never taken back from delivered); both expire with the events (EventRetentionDays).
 */
public record DynamoDeliveryLog(DynamoDbClient dynamo, String table, Duration retention) implements DeliveryLog {
    private static final String ENDPOINT_ID = "endpointId";
    private static final String ENTRY = "entry";

    @Override
    public void record(AttemptRecord a) {
        long expiresAt = a.attemptedAt().plus(retention).getEpochSecond();
        String partition = DeliveryShards.of(a.endpointId(), a.eventId());
        Map<String, AttributeValue> attempt = Item.create()
                .put(ENDPOINT_ID, partition)
                .put(ENTRY, "a#" + "%013d".formatted(a.attemptedAt().toEpochMilli()) + "#" + a.eventId() + "#"
                        + a.attempt())
                .put("eventId", a.eventId())
                .put("eventType", a.eventType())
                .put("attempt", a.attempt())
                .put("attemptedAt", a.attemptedAt().toString())
                .put("result", a.result())
                .put("responseStatus", a.responseStatus())
                .put("latencyMs", a.latencyMs())
                .put("excerpt", a.excerpt())
                .put("reason", a.reason())
                .put("nextAttemptAt", a.nextAttemptAt() == null ? null : a.nextAttemptAt().toString())
                .put("expiresAt", expiresAt)
                .build();
        Map<String, AttributeValue> state = Item.create()
                .put(ENDPOINT_ID, partition)
                .put(ENTRY, "d#" + a.eventId())
                .put("result", a.result())
                .put("attempts", a.attempt())
                .put("lastAttemptAt", a.attemptedAt().toString())
                .put("nextAttemptAt", a.nextAttemptAt() == null ? null : a.nextAttemptAt().toString())
                .put("expiresAt", expiresAt)
                .build();
        dynamo.putItem(b -> b.tableName(table).item(attempt));
        try {
            // Once delivered, an event stays delivered: a later duplicate's failure does not undo it.
            dynamo.putItem(b -> b.tableName(table).item(state)
                    .conditionExpression("attribute_not_exists(#result) OR #result <> :delivered")
                    .expressionAttributeNames(Map.of("#result", "result"))
                    .expressionAttributeValues(Map.of(":delivered", AttributeValue.fromS("delivered"))));
        } catch (ConditionalCheckFailedException delivered) {
            // Delivered before: it stays so.
        }
    }

    @Override
    public Page<AttemptRecord> attempts(String endpointId, String cursor, int limit) {
        // A cursor handed out before the log was sharded (a LastEvaluatedKey) goes on from its entry.
        var earlier = KeyCursor.earlier(cursor, null, ENDPOINT_ID, ENTRY);
        // Every shard's attempts (a#…, below a#~; never d#…), merged newest first.
        return ShardedQuery.of(table, null, ENDPOINT_ID, DeliveryShards.all(endpointId), ENTRY)
                .from("a#").to("a#~").newestFirst()
                .after(earlier == null ? cursor : earlier.get(ENTRY).s()).limit(limit)
                .page(dynamo, i -> attempt(endpointId, i));
    }

    @Override
    public boolean settled(String endpointId, String eventId, Instant now) {
        // Its shard's result first; then where the log was kept before it was sharded, for an event
        // delivered then (read while such results are kept, EventRetentionDays).
        return settledIn(DeliveryShards.of(endpointId, eventId), eventId, now) || settledIn(endpointId, eventId, now);
    }

    private boolean settledIn(String partition, String eventId, Instant now) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(ENDPOINT_ID, AttributeValue.fromS(partition), ENTRY, AttributeValue.fromS("d#" + eventId))))
                .item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        Instant next = Item.instant(item, "nextAttemptAt");
        return "delivered".equals(Item.string(item, "result")) || next != null && next.isAfter(now);
    }

    private static AttemptRecord attempt(String endpointId, Map<String, AttributeValue> i) {
        return new AttemptRecord(endpointId, Item.string(i, "eventId"), Item.string(i, "eventType"),
                (int) number(i, "attempt"), Item.instant(i, "attemptedAt"), Item.string(i, "result"),
                (int) number(i, "responseStatus"), number(i, "latencyMs"), Item.string(i, "excerpt"),
                Item.string(i, "reason"), Item.instant(i, "nextAttemptAt"));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        Long value = Item.number(item, name);
        return value == null ? 0 : value;
    }
}
