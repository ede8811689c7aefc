package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** BatchGetItem as the stores use it: one page's items of one table in one round trip. */
public final class Batches {
    private Batches() {
    }

    /**
     * The items at these keys (at most 100, as a page has), read consistently, then whatever
     * DynamoDB left unprocessed; keys with no item are left out.
     */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                        List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = keys.isEmpty() ? Map.of()
                : Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                // What DynamoDB left unprocessed it was throttling: ask again after a pause.
                Transactions.backOff(attempt);
            }
            var request = pending;
            var response = dynamo.batchGetItem(b -> b.requestItems(request));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }
}
