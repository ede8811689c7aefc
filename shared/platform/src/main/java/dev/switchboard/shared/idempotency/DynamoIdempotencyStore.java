package dev.switchboard.shared.idempotency;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency records in DynamoDB, one item per key: {@code state} RUNNING or COMPLETED,
 * {@code fingerprint}, {@code lockedUntil}, the answer, and {@code expiresAt} (the table's TTL
 * attribute; TTL deletes lazily, so every condition also treats an expired item as absent).
 */
public record DynamoIdempotencyStore(DynamoDbClient dynamo, String table) implements IdempotencyStore {
    private static final String RUNNING = "RUNNING";
    private static final String COMPLETED = "COMPLETED";

    @Override
    public Claim begin(String key, String fingerprint, Instant now, Instant lockedUntil, Instant expiresAt) {
        // Twice at most: the item seen may be deleted (abandoned or expired) before it is read.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                dynamo.putItem(b -> b.tableName(table)
                        .item(Map.of("idempotencyKey", s(key), "fingerprint", s(fingerprint), "state", s(RUNNING),
                                "lockedUntil", n(lockedUntil), "expiresAt", n(expiresAt)))
                        // New, expired, or a run of the same request whose function died holding it.
                        .conditionExpression("attribute_not_exists(idempotencyKey) OR expiresAt < :now"
                                + " OR (#state = :running AND lockedUntil < :now AND fingerprint = :fp)")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":now", n(now), ":running", s(RUNNING),
                                ":fp", s(fingerprint))));
                return new Begun();
            } catch (ConditionalCheckFailedException e) {
                var held = find(key, fingerprint, now);
                if (held.isPresent()) {
                    return held.get();
                }
            }
        }
        return new Running();
    }

    @Override
    public Optional<Claim> find(String key, String fingerprint, Instant now) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of("idempotencyKey", s(key)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || epochSeconds(item, "expiresAt") < now.getEpochSecond()) {
            return Optional.empty();
        }
        if (!fingerprint.equals(item.get("fingerprint").s())) {
            return Optional.of(new Mismatch());
        }
        if (COMPLETED.equals(item.get("state").s())) {
            var body = item.get("responseBody");
            return Optional.of(new Completed(Integer.parseInt(item.get("responseStatus").n()),
                    body == null ? null : body.s()));
        }
        return epochSeconds(item, "lockedUntil") < now.getEpochSecond() ? Optional.empty() : Optional.of(new Running());
    }

    private static long epochSeconds(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null || value.n() == null ? Long.MAX_VALUE : Long.parseLong(value.n());
    }

    @Override
    public void complete(String key, String fingerprint, int status, String body) {
        var values = new java.util.HashMap<String, AttributeValue>(Map.of(":completed", s(COMPLETED),
                ":status", AttributeValue.fromN(Integer.toString(status)), ":running", s(RUNNING),
                ":fp", s(fingerprint)));
        String update = "SET #state = :completed, responseStatus = :status REMOVE lockedUntil";
        if (body != null) {
            values.put(":body", s(body));
            update = "SET #state = :completed, responseStatus = :status, responseBody = :body REMOVE lockedUntil";
        }
        String expression = update;
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("idempotencyKey", s(key)))
                .updateExpression(expression)
                .conditionExpression("#state = :running AND fingerprint = :fp")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values));
    }

    @Override
    public void abandon(String key, String fingerprint) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("idempotencyKey", s(key)))
                    .conditionExpression("#state = :running AND fingerprint = :fp")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":running", s(RUNNING), ":fp", s(fingerprint))));
        } catch (ConditionalCheckFailedException e) {
            // Already gone or taken over: nothing of ours to forget.
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
