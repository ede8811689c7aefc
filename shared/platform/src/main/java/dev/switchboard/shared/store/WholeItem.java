package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and compare-and-set writes of whole items, for records edited through the API (agents,
 * numbers): a read-modify-write that lost a race (a concurrent change or delete) writes nothing
 * and says so, so nothing deleted comes back and no change is overwritten.
 */
public final class WholeItem {
    private WholeItem() {
    }

    /** The item at {@code key}, read consistently: a record just saved is seen by the next request. */
    public static Optional<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                              Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Writes {@code after} only if the item is still exactly {@code before}, attribute for attribute. */
    public static boolean replace(DynamoDbClient dynamo, String table, Map<String, AttributeValue> before,
                                  Map<String, AttributeValue> after) {
        Set<String> attributes = new TreeSet<>(before.keySet());
        attributes.addAll(after.keySet());
        Unchanged unchanged = Unchanged.of(before, attributes);
        try {
            dynamo.putItem(b -> b.tableName(table).item(after).conditionExpression(unchanged.condition())
                    .expressionAttributeNames(unchanged.names()).expressionAttributeValues(unchanged.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** As {@link #replace}, as one item of a transaction (a change and the event that reports it). */
    public static software.amazon.awssdk.services.dynamodb.model.TransactWriteItem replacing(
            String table, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        Set<String> attributes = new TreeSet<>(before.keySet());
        attributes.addAll(after.keySet());
        Unchanged unchanged = Unchanged.of(before, attributes);
        return software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(after).conditionExpression(unchanged.condition())
                        .expressionAttributeNames(unchanged.names()).expressionAttributeValues(unchanged.values()))
                .build();
    }

    /** Deletes the item only while it is exactly {@code before}: a compare-and-delete. */
    public static boolean withdraw(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key,
                                   Map<String, AttributeValue> before) {
        Unchanged unchanged = Unchanged.of(before, new TreeSet<>(before.keySet()));
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key).conditionExpression(unchanged.condition())
                    .expressionAttributeNames(unchanged.names()).expressionAttributeValues(unchanged.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A condition that holds while each attribute is as in {@code before} (absent where it was absent). */
    private record Unchanged(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        static Unchanged of(Map<String, AttributeValue> before, Set<String> attributes) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> conditions = new ArrayList<>();
            int i = 0;
            for (String attribute : attributes) {
                String name = "#a" + i;
                names.put(name, attribute);
                if (before.containsKey(attribute)) {
                    values.put(":a" + i, before.get(attribute));
                    conditions.add(name + " = :a" + i);
                } else {
                    conditions.add("attribute_not_exists(" + name + ")");
                }
                i++;
            }
            return new Unchanged(String.join(" AND ", conditions), names, values.isEmpty() ? null : values);
        }
    }
}
