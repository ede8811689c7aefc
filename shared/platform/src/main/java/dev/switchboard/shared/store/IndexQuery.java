package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a list: a query of a table or index by its key condition, optionally filtered,
 * continuing from a cursor this kind of query handed out, answered as a {@link Page} whose
 * cursor continues it. Filters run after DynamoDB has read a page's worth of items, so a page
 * may hold fewer than the limit while more follow: the cursor says so.
 */
public final class IndexQuery {
    private final String table;
    private final String index;
    private final String keyCondition;
    private final Placeholders placeholders = new Placeholders("q");
    private final Filters filters = new Filters(placeholders);
    private boolean newestFirst;
    private Map<String, AttributeValue> start;
    private int limit = 25;

    private IndexQuery(String table, String index, String keyCondition) {
        this.table = table;
        this.index = index;
        this.keyCondition = keyCondition;
    }

    /** A query of {@code index} (null for the table itself) by {@code keyCondition}. */
    public static IndexQuery of(String table, String index, String keyCondition) {
        return new IndexQuery(table, index, keyCondition);
    }

    /** A value placeholder of the key condition, {@code :t}. */
    public IndexQuery with(String placeholder, String value) {
        placeholders.value(placeholder, AttributeValue.fromS(value));
        return this;
    }

    /** Only items whose {@code attribute} is {@code value}; no filter when the value is null. */
    public IndexQuery whereEquals(String attribute, String value) {
        filters.equal(attribute, value);
        return this;
    }

    /** Only items where either attribute is {@code value} (a call's from or to); none when null. */
    public IndexQuery whereEither(String attribute, String other, String value) {
        filters.either(attribute, other, value);
        return this;
    }

    public IndexQuery newestFirst() {
        this.newestFirst = true;
        return this;
    }

    /** Continues after {@code key}, a decoded cursor (null: from the start). */
    public IndexQuery after(Map<String, AttributeValue> key) {
        this.start = key;
        return this;
    }

    public IndexQuery limit(int limit) {
        this.limit = limit;
        return this;
    }

    public <T> Page<T> page(DynamoDbClient dynamo, Function<Map<String, AttributeValue>, T> read) {
        var page = dynamo.query(b -> b.tableName(table).indexName(index)
                .keyConditionExpression(keyCondition)
                .filterExpression(filters.expression())
                .expressionAttributeNames(placeholders.names())
                .expressionAttributeValues(placeholders.values())
                .scanIndexForward(!newestFirst)
                .exclusiveStartKey(start)
                .limit(limit));
        return new Page<>(page.items().stream().map(read).toList(),
                page.hasLastEvaluatedKey() ? KeyCursor.encode(page.lastEvaluatedKey()) : null);
    }
}
