package dev.switchboard.local.bench.load;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The items as the counted writes left them, so that a write's item before it is known without a
 * read: taken whole from a scan of every table ({@link #remember}), then kept by each write. Until
 * then, or for an item of a table never scanned, the item is read. An item DynamoDB deleted by
 * itself (TTL) would be out of date here; none of a load run's items expires during it, and
 * {@link Coverage} shows any writer that is not counted, and so not kept here either.
 */
final class Images {
    /** One item of one table, by its primary key. */
    private record Ref(String table, Map<String, AttributeValue> key) {
    }

    private final DynamoDbClient reader;
    private final Map<Ref, Optional<Map<String, AttributeValue>>> items = new ConcurrentHashMap<>();
    private final Map<String, Boolean> whole = new ConcurrentHashMap<>();

    Images(DynamoDbClient reader) {
        this.reader = reader;
    }

    /** Every item of these tables: from now on an item not here is absent. */
    void remember(Tables tables) {
        tables.items().forEach((table, byKey) -> {
            byKey.forEach((key, item) -> items.put(new Ref(table, key), Optional.of(item)));
            whole.put(table, true);
        });
    }

    /** The item as it stands: as last written, else read. */
    Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        Ref ref = new Ref(table, key);
        var known = items.get(ref);
        if (known != null) {
            return known.orElse(null);
        }
        return whole.containsKey(table) ? null : read(table, key);
    }

    /** Reads the item as it stands now, and keeps it. */
    Map<String, AttributeValue> read(String table, Map<String, AttributeValue> key) {
        var response = reader.getItem(b -> b.tableName(table).key(key).consistentRead(true));
        var item = response.hasItem() && !response.item().isEmpty() ? response.item() : null;
        items.put(new Ref(table, key), Optional.ofNullable(item));
        return item;
    }

    /** What a write left. */
    void put(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        items.put(new Ref(table, key), Optional.ofNullable(item));
    }
}
