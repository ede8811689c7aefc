package dev.switchboard.shared.webhook;

import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Delivery claims as conditional writes, never read-then-write. A claim left in "processing"
 * by a function that died (timeout, crash) lapses after the lease, so Twilio's retry can take
 * it; completed claims expire by TTL once Twilio has long stopped retrying.
 */
public final class DynamoDeliveries implements Deliveries {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration KEEP = Duration.ofDays(3);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDeliveries(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Claim claim(String deliveryKey) {
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Item.create()
                            .put("deliveryKey", deliveryKey)
                            .put("state", "processing")
                            .put("leaseUntil", now + LEASE.toSeconds())
                            .put("expiresAt", now + KEEP.toSeconds())
                            .build())
                    .conditionExpression("attribute_not_exists(deliveryKey) OR (#s = :processing AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(
                            ":processing", AttributeValue.fromS("processing"),
                            ":now", AttributeValue.fromN(Long.toString(now)))));
            return Claim.FIRST;
        } catch (ConditionalCheckFailedException e) {
            return Claim.REPEAT;
        }
    }

    @Override
    public void complete(String deliveryKey) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("deliveryKey", AttributeValue.fromS(deliveryKey)))
                .updateExpression("SET #s = :done REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":done", AttributeValue.fromS("done"))));
    }

    @Override
    public void release(String deliveryKey) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("deliveryKey", AttributeValue.fromS(deliveryKey)))
                    .conditionExpression("#s = :processing")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":processing", AttributeValue.fromS("processing"))));
        } catch (ConditionalCheckFailedException e) {
            // Already completed by a concurrent delivery: nothing to give back.
        }
    }
}
