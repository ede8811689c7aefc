package dev.switchboard.shared.realtime;

import dev.switchboard.shared.events.EventTypeFilter;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connections in their tenant's partition (sort key: the connection id). A push reads the
 * partition with a consistent query, so a connection opened a moment before an event is among
 * those it reaches.
 */
public record DynamoConnections(DynamoDbClient dynamo, String table) implements Connections {

    @Override
    public void open(Connection c) {
        dynamo.putItem(b -> b.tableName(table).item(Item.create()
                .put("tenantId", c.tenantId())
                .put("connectionId", c.connectionId())
                .put("agentId", c.audience().agentId())
                .put("types", String.join(" ", c.types().patterns()))
                .put("connectedAt", c.connectedAt().toString())
                .put("expiresAt", c.connectedAt().plus(KEPT).getEpochSecond())
                .build()));
    }

    @Override
    public void close(String tenantId, String connectionId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(tenantId, connectionId)));
    }

    @Override
    public boolean subscribe(String tenantId, String connectionId, EventTypeFilter types) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(tenantId, connectionId))
                    .updateExpression("SET #types = :types").conditionExpression("attribute_exists(connectionId)")
                    .expressionAttributeNames(Map.of("#types", "types"))
                    .expressionAttributeValues(Map.of(":types", AttributeValue.fromS(String.join(" ", types.patterns())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Connection> get(String tenantId, String connectionId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenantId, connectionId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(connection(item));
    }

    @Override
    public List<Connection> of(String tenantId) {
        List<Connection> connections = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> connections.add(connection(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return connections;
    }

    private static Map<String, AttributeValue> key(String tenantId, String connectionId) {
        return Map.of("tenantId", AttributeValue.fromS(tenantId), "connectionId", AttributeValue.fromS(connectionId));
    }

    private static Connection connection(Map<String, AttributeValue> i) {
        return new Connection(Item.string(i, "tenantId"), Item.string(i, "connectionId"),
                Audience.of(Item.string(i, "agentId")),
                new EventTypeFilter(Arrays.asList(Item.string(i, "types").split(" "))), Item.instant(i, "connectedAt"));
    }
}
