package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.store.WholeItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

/** The numbers table, keyed by phoneNumber, with the byTenant index. See docs/data-model.md. */
public record DynamoNumbers(DynamoDbClient dynamo, String table) implements Numbers {
    @Override
    public void put(PhoneNumber number) {
        dynamo.putItem(b -> b.tableName(table).item(item(number)));
    }

    @Override
    public boolean claim(PhoneNumber number) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(number))
                    .conditionExpression("attribute_not_exists(phoneNumber) OR tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(number.tenantId()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean replace(PhoneNumber before, PhoneNumber after) {
        return WholeItem.replace(dynamo, table, item(before), item(after));
    }

    @Override
    public int count(String tenantId, int atMost) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            int room = atMost - count;
            var page = dynamo.query(b -> b.tableName(table).indexName("byTenant")
                    .keyConditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                    .exclusiveStartKey(from).limit(room));
            count += page.count();
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && count < atMost);
        return count;
    }

    @Override
    public boolean add(PhoneNumber number) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(number))
                    .conditionExpression("attribute_not_exists(phoneNumber)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean withdraw(PhoneNumber number) {
        return WholeItem.withdraw(dynamo, table,
                Map.of("phoneNumber", AttributeValue.fromS(number.phoneNumber())), item(number));
    }

    @Override
    public Page<PhoneNumber> list(String tenantId, String cursor, int limit) {
        var page = dynamo.query(b -> b.tableName(table).indexName("byTenant")
                .keyConditionExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))
                .exclusiveStartKey(KeyCursor.decode(cursor, tenantId, "tenantId", "phoneNumber"))
                .limit(limit));
        return new Page<>(page.items().stream().map(DynamoNumbers::number).toList(),
                page.hasLastEvaluatedKey() ? KeyCursor.encode(page.lastEvaluatedKey()) : null);
    }

    @Override
    public boolean delete(String tenantId, String phoneNumber) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("phoneNumber", AttributeValue.fromS(phoneNumber)))
                    .conditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(PhoneNumber number) {
        Routing r = number.routing();
        Item item = Item.create()
                .put("phoneNumber", number.phoneNumber())
                .put("tenantId", number.tenantId())
                .put("accountSid", number.accountSid())
                .put("agentId", number.agentId())
                .put("routing", Item.create()
                        .put("mode", r.mode().wireName())
                        .put("forwardTo", r.forwardTo())
                        .put("record", r.record())
                        .put("timeoutSeconds", r.timeoutSeconds())
                        .put("greeting", r.greeting())
                        .put("streamUrl", r.streamUrl())
                        .put("voicemail", r.voicemail())
                        .put("voicemailGreeting", r.voicemailGreeting())
                        .put("flowId", r.flowId())
                        .put("flow", r.flow()));
        // Only when set: a number stored before messaging settings existed compares equal to the defaults.
        if (!number.messaging().equals(MessagingSettings.NONE)) {
            item.put("messaging", Item.create()
                    .put("autoReply", number.messaging().autoReply())
                    .put("autoReplyWindowMinutes", number.messaging().autoReplyWindowMinutes())
                    .put("helpText", number.messaging().helpText()));
        }
        return item.build();
    }

    @Override
    public Optional<PhoneNumber> get(String phoneNumber) {
        if (phoneNumber == null || phoneNumber.isEmpty()) {
            return Optional.empty();   // no such key: DynamoDB refuses an empty one outright
        }
        return WholeItem.get(dynamo, table, Map.of("phoneNumber", AttributeValue.fromS(phoneNumber)))
                .map(DynamoNumbers::number);
    }

    private static PhoneNumber number(Map<String, AttributeValue> i) {
        var r = Item.map(i, "routing");
        Routing routing = new Routing(RoutingMode.fromWire(Item.string(r, "mode")),
                Item.string(r, "forwardTo"), Item.bool(r, "record"),
                Item.number(r, "timeoutSeconds").intValue(), Item.string(r, "greeting"),
                Item.string(r, "streamUrl"), Item.bool(r, "voicemail"),
                Item.string(r, "voicemailGreeting"), Item.string(r, "flowId"), Item.string(r, "flow"));
        var m = Item.map(i, "messaging");
        MessagingSettings messaging = m.isEmpty() ? MessagingSettings.NONE : new MessagingSettings(
                Item.string(m, "autoReply"), Item.number(m, "autoReplyWindowMinutes").intValue(),
                Item.string(m, "helpText"));
        return new PhoneNumber(Item.string(i, "phoneNumber"), Item.string(i, "tenantId"),
                Item.string(i, "accountSid"), Item.string(i, "agentId"), routing, messaging);
    }
}
