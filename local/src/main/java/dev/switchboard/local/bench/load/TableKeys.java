package dev.switchboard.local.bench.load;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's key schema and its indexes', as DescribeTable gives them: read from the tables
 * themselves, so whatever the template declares (a new index, a new table) is counted.
 *
 * @param rangeKey null when the table has no sort key
 */
public record TableKeys(String table, String hashKey, String rangeKey, List<Index> indexes) {

    /**
     * A secondary index. A global one has partitions of its own; a local one shares the table's
     * partition, so what it costs counts against the table's partition key.
     *
     * @param rangeKey null when the index has no sort key
     * @param included the non-key attributes an INCLUDE projection carries
     */
    public record Index(String name, boolean global, String hashKey, String rangeKey, ProjectionType projection,
                        Set<String> included) {
    }

    public static TableKeys describe(DynamoDbClient dynamo, String table) {
        TableDescription description = dynamo.describeTable(b -> b.tableName(table)).table();
        List<Index> indexes = new ArrayList<>();
        description.globalSecondaryIndexes().forEach(i -> indexes.add(index(i.indexName(), true, i.keySchema(),
                i.projection())));
        description.localSecondaryIndexes().forEach(i -> indexes.add(index(i.indexName(), false, i.keySchema(),
                i.projection())));
        return new TableKeys(table, key(description.keySchema(), KeyType.HASH), key(description.keySchema(), KeyType.RANGE),
                List.copyOf(indexes));
    }

    private static Index index(String name, boolean global, List<KeySchemaElement> schema, Projection projection) {
        return new Index(name, global, key(schema, KeyType.HASH), key(schema, KeyType.RANGE),
                projection.projectionType(), Set.copyOf(projection.nonKeyAttributes()));
    }

    private static String key(List<KeySchemaElement> schema, KeyType type) {
        return schema.stream().filter(k -> k.keyType() == type).map(KeySchemaElement::attributeName).findFirst()
                .orElse(null);
    }

    /** The item's primary key. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(hashKey, item.get(hashKey));
        if (rangeKey != null) {
            key.put(rangeKey, item.get(rangeKey));
        }
        return key;
    }

    /**
     * The item as the index holds it, or null when the index does not hold it (an index is sparse:
     * an item without all of its key attributes is not in it).
     */
    public Map<String, AttributeValue> project(Index index, Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(index.hashKey())
                || index.rangeKey() != null && !item.containsKey(index.rangeKey())) {
            return null;
        }
        if (index.projection() == ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>(keyOf(item));
        projected.put(index.hashKey(), item.get(index.hashKey()));
        if (index.rangeKey() != null) {
            projected.put(index.rangeKey(), item.get(index.rangeKey()));
        }
        if (index.projection() == ProjectionType.INCLUDE) {
            index.included().stream().filter(item::containsKey).forEach(name -> projected.put(name, item.get(name)));
        }
        return projected;
    }

    /** A key attribute's value as the report shows it. */
    public static String shown(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> value.n();
            case B -> Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe());
            default -> value.toString();
        };
    }
}
