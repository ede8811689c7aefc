package dev.switchboard.shared.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The events table's byTenant index (tenantId, position), read forwards. */
public final class DynamoEventLog implements EventLog {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoEventLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Page read(String tenantId, String after, String typePrefix, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":t", AttributeValue.fromS(tenantId));
        String condition = "tenantId = :t";
        Map<String, String> names = new HashMap<>();
        if (after != null) {
            condition += " AND #position > :after";
            values.put(":after", AttributeValue.fromS(after));
            names.put("#position", EventOutbox.POSITION);
        }
        String filter = null;
        if (typePrefix != null) {
            filter = "begins_with(#type, :type)";
            names.put("#type", EventOutbox.TYPE);
            values.put(":type", AttributeValue.fromS(typePrefix));
        }
        String keyCondition = condition;
        String filterExpression = filter;
        var page = dynamo.query(b -> b.tableName(table).indexName("byTenant")
                .keyConditionExpression(keyCondition).filterExpression(filterExpression)
                .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values)
                .scanIndexForward(true).limit(limit));
        List<JsonNode> items = new ArrayList<>();
        String last = after;
        for (var item : page.items()) {
            last = Item.string(item, EventOutbox.POSITION);
            String body = Item.string(item, EventOutbox.BODY);
            if (body != null) {
                items.add(parse(body));
            }
        }
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        if (more) {
            // With a type filter DynamoDB may have read past the last event returned.
            last = page.lastEvaluatedKey().get(EventOutbox.POSITION).s();
        }
        return new Page(items, last, more);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox item's body is not JSON", e);
        }
    }
}
