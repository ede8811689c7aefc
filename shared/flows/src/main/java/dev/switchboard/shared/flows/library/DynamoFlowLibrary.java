package dev.switchboard.shared.flows.library;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The library in the flows table: the tenant's partition, sort key {@code flow#<id>} or
 * {@code schedule#<id>}, the document as JSON text. Reads are consistent: a call that starts
 * right after a change runs the changed flow.
 */
public record DynamoFlowLibrary(DynamoDbClient dynamo, String table) implements FlowLibrary {

    @Override
    public Optional<LibraryItem> get(String tenantId, LibraryItem.Kind kind, String id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenantId, kind, id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item(kind, item));
    }

    @Override
    public List<LibraryItem> list(String tenantId, LibraryItem.Kind kind) {
        List<LibraryItem> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("tenantId = :t AND begins_with(#k, :p)")
                    .expressionAttributeNames(Map.of("#k", "key"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId),
                            ":p", AttributeValue.fromS(kind.prefix + "#")))
                    .exclusiveStartKey(from));
            page.items().forEach(i -> items.add(item(kind, i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    @Override
    public Optional<LibraryItem> create(String tenantId, LibraryItem.Kind kind, String id, JsonNode body, Instant now) {
        LibraryItem saved = new LibraryItem(kind, tenantId, id, body, 1, now);
        try {
            dynamo.putItem(b -> b.tableName(table).item(attributes(saved))
                    .conditionExpression("attribute_not_exists(tenantId)"));
            return Optional.of(saved);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<LibraryItem> replace(String tenantId, LibraryItem.Kind kind, String id, JsonNode body, long version,
                                         Instant now) {
        LibraryItem saved = new LibraryItem(kind, tenantId, id, body, version + 1, now);
        try {
            dynamo.putItem(b -> b.tableName(table).item(attributes(saved))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", Item.n(version))));
            return Optional.of(saved);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String tenantId, LibraryItem.Kind kind, String id) {
        var old = dynamo.deleteItem(b -> b.tableName(table).key(key(tenantId, kind, id))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private static Map<String, AttributeValue> key(String tenantId, LibraryItem.Kind kind, String id) {
        return Map.of("tenantId", AttributeValue.fromS(tenantId), "key", AttributeValue.fromS(kind.prefix + "#" + id));
    }

    private static Map<String, AttributeValue> attributes(LibraryItem i) {
        return Item.create()
                .put("tenantId", i.tenantId())
                .put("key", i.kind().prefix + "#" + i.id())
                .put("id", i.id())
                .put("body", Json.write(i.body()))
                .put("version", i.version())
                .put("updatedAt", i.updatedAt().toString())
                .build();
    }

    private static LibraryItem item(LibraryItem.Kind kind, Map<String, AttributeValue> i) {
        return new LibraryItem(kind, Item.string(i, "tenantId"), Item.string(i, "id"), Json.parse(Item.string(i, "body")),
                Item.number(i, "version"), Item.instant(i, "updatedAt"));
    }
}
