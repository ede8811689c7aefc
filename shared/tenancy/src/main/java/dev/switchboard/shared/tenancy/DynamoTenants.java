package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.WholeItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

/** The tenants table, keyed by tenantId. See docs/data-model.md. */
public record DynamoTenants(DynamoDbClient dynamo, String table) implements Tenants {
    /** The tenant's own fields; any settings on the item stay as they are. */
    @Override
    public void put(Tenant tenant) {
        dynamo.updateItem(Expression.of().set("name", tenant.name()).set("accountSid", tenant.accountSid())
                .updateItem(table, Map.of("tenantId", AttributeValue.fromS(tenant.id()))));
    }

    @Override
    public RecordingSettings recordingSettings(String tenantId) {
        return WholeItem.get(dynamo, table, Map.of("tenantId", AttributeValue.fromS(tenantId)))
                .filter(i -> i.containsKey("recordingFormat"))
                .map(i -> new RecordingSettings(Item.string(i, "recordingFormat"),
                        Boolean.TRUE.equals(i.get("deleteRecordingsAtTwilio").bool())))
                .orElse(RecordingSettings.DEFAULT);
    }

    @Override
    public boolean setRecordingSettings(String tenantId, RecordingSettings settings) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("tenantId", AttributeValue.fromS(tenantId)))
                    .updateExpression("SET recordingFormat = :f, deleteRecordingsAtTwilio = :d")
                    .conditionExpression("attribute_exists(tenantId)")
                    .expressionAttributeValues(Map.of(":f", AttributeValue.fromS(settings.format()),
                            ":d", AttributeValue.fromBool(settings.deleteAtTwilio()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public java.time.ZoneId timeZone(String tenantId) {
        return WholeItem.get(dynamo, table, Map.of("tenantId", AttributeValue.fromS(tenantId)))
                .map(i -> Item.string(i, "timeZone")).map(TimeZones::parse).flatMap(z -> z)
                .orElse(TimeZones.UTC);
    }

    @Override
    public boolean setTimeZone(String tenantId, java.time.ZoneId zone) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("tenantId", AttributeValue.fromS(tenantId)))
                    .updateExpression("SET #z = :z").conditionExpression("attribute_exists(tenantId)")
                    .expressionAttributeNames(Map.of("#z", "timeZone"))
                    .expressionAttributeValues(Map.of(":z", AttributeValue.fromS(zone.getId()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Tenant tenant) {
        return Item.create().put("tenantId", tenant.id()).put("name", tenant.name())
                .put("accountSid", tenant.accountSid()).build();
    }

    @Override
    public boolean create(Tenant tenant) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(tenant))
                    .conditionExpression("attribute_not_exists(tenantId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Tenant> get(String tenantId) {
        return WholeItem.get(dynamo, table, Map.of("tenantId", AttributeValue.fromS(tenantId)))
                .map(i -> new Tenant(Item.string(i, "tenantId"), Item.string(i, "name"),
                        Item.string(i, "accountSid")));
    }
}
