package dev.switchboard.shared.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events table's byTenant index (tenantId, position), read forwards up to a horizon: the
 * settle window before now. Whatever is stamped before the horizon has committed and is in the
 * index (EventOutbox keeps it so), so a cursor never passes an event still to come.
 */
public final class DynamoEventLog implements EventLog {
    /** How many items one page may look at, across DynamoDB pages, to fill up with a type's events. */
    static final int READ_BUDGET = 1_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration settle;
    private final Clock clock;

    public DynamoEventLog(DynamoDbClient dynamo, String table, Duration settle, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.settle = settle;
        this.clock = clock;
    }

    @Override
    public Page read(String tenantId, String after, String typePrefix, int limit) {
        String horizon = LogPosition.time(clock.instant().minus(settle));
        after = after == null ? null : LogPosition.normalize(after);
        if (after != null && after.compareTo(horizon) >= 0) {
            return new Page(List.of(), after, false);
        }
        Map<String, String> names = new HashMap<>(Map.of("#position", EventOutbox.POSITION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", AttributeValue.fromS(tenantId),
                ":horizon", AttributeValue.fromS(horizon)));
        String condition;
        if (after == null) {
            condition = "tenantId = :t AND #position < :horizon";
        } else {
            // BETWEEN includes the cursor's own event, which is skipped below.
            condition = "tenantId = :t AND #position BETWEEN :after AND :horizon";
            values.put(":after", AttributeValue.fromS(after));
        }
        String filter = null;
        if (typePrefix != null) {
            filter = "begins_with(#type, :type)";
            names.put("#type", EventOutbox.TYPE);
            values.put(":type", AttributeValue.fromS(typePrefix));
        }
        List<JsonNode> items = new ArrayList<>();
        String last = after;
        Map<String, AttributeValue> start = null;
        int looked = 0;
        do {
            var from = start;
            String filterExpression = filter;
            // One more than asked, to know whether more are waiting; with a filter, a bounded batch.
            int batch = filter == null ? limit - items.size() + 1 : Math.min(READ_BUDGET - looked, 200);
            var page = dynamo.query(b -> b.tableName(table).indexName("byTenant")
                    .keyConditionExpression(condition).filterExpression(filterExpression)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .exclusiveStartKey(from).scanIndexForward(true).limit(batch));
            looked += page.scannedCount();
            for (var item : page.items()) {
                String position = Item.string(item, EventOutbox.POSITION);
                if (position.equals(after)) {
                    continue;
                }
                if (items.size() == limit) {
                    return new Page(items, last, true);
                }
                items.add(parse(Item.string(item, EventOutbox.BODY)));
                last = position;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && looked < READ_BUDGET);
        if (start != null) {
            // Looked as far as one page may: what lay between was not of the type asked for.
            String seen = start.get(EventOutbox.POSITION).s();
            return new Page(items, seen.compareTo(last == null ? "" : last) > 0 ? seen : last, true);
        }
        // Everything stamped before the horizon has been read: the next read starts there.
        return new Page(items, horizon, false);
    }

    @Override
    public java.util.Optional<JsonNode> get(String tenantId, String eventId) {
        return item(tenantId, eventId).map(item -> parse(Item.string(item, EventOutbox.BODY)));
    }

    @Override
    public java.util.Optional<String> positionOf(String tenantId, String eventId) {
        return item(tenantId, eventId).map(item -> Item.string(item, EventOutbox.POSITION));
    }

    private java.util.Optional<Map<String, AttributeValue>> item(String tenantId, String eventId) {
        if (eventId == null || eventId.isEmpty() || eventId.length() > 100) {
            return java.util.Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(EventOutbox.EVENT_ID, AttributeValue.fromS(eventId)))).item();
        if (item == null || !tenantId.equals(Item.string(item, EventOutbox.TENANT_ID))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(item);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox item's body is not JSON", e);
        }
    }
}
