package dev.switchboard.shared.apikeys;

import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** ApiKeysTable: the key at keyId; a tenant's keys through the byTenant index. */
public record DynamoApiKeys(DynamoDbClient dynamo, String table) implements ApiKeys {

    @Override
    public void create(ApiKey key) {
        Item item = Item.create().put("keyId", key.keyId()).put("tenantId", key.tenantId())
                .put("name", key.name()).put("secretHash", key.secretHash())
                .put("createdAt", key.createdAt().toString());
        if (key.expiresAt() != null) {
            // A session's end, in epoch seconds: DynamoDB's TTL removes it afterwards.
            item.put("expiresAt", key.expiresAt().getEpochSecond());
        }
        dynamo.putItem(b -> b.tableName(table)
                .item(item.build())
                .conditionExpression("attribute_not_exists(keyId)"));
    }

    @Override
    public Optional<ApiKey> get(String keyId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("keyId", AttributeValue.fromS(keyId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toKey(item));
    }

    @Override
    public Page<ApiKey> list(String tenantId, String cursor, int limit) {
        // Keys only: a tenant's console sessions are not its keys.
        var page = dynamo.query(b -> b.tableName(table).indexName("byTenant")
                .keyConditionExpression("tenantId = :t").filterExpression("attribute_not_exists(expiresAt)")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))
                .exclusiveStartKey(KeyCursor.decode(cursor, tenantId, "tenantId", "keyId"))
                .limit(limit));
        return new Page<>(page.items().stream().map(DynamoApiKeys::toKey).toList(),
                page.hasLastEvaluatedKey() ? KeyCursor.encode(page.lastEvaluatedKey()) : null);
    }

    @Override
    public boolean revoke(String tenantId, String keyId, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("keyId", AttributeValue.fromS(keyId)))
                    .updateExpression("SET revokedAt = if_not_exists(revokedAt, :at)")
                    .conditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()),
                            ":t", AttributeValue.fromS(tenantId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static ApiKey toKey(Map<String, AttributeValue> item) {
        String revoked = Item.string(item, "revokedAt");
        // DynamoDB cannot hold an empty string attribute here; an unnamed key has none.
        String name = Item.string(item, "name");
        Long expires = Item.number(item, "expiresAt");
        return new ApiKey(Item.string(item, "keyId"), Item.string(item, "tenantId"), name == null ? "" : name,
                Item.string(item, "secretHash"), Instant.parse(Item.string(item, "createdAt")),
                revoked == null ? null : Instant.parse(revoked), expires == null ? null : Instant.ofEpochSecond(expires));
    }
}
