package dev.switchboard.local.bench.load;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every item of every table of a DynamoDB, as read at one moment (strongly consistent scans),
 * with the tables' key schemas: two of them, taken before and after some work with nothing else
 * writing, say which items it changed.
 */
record Tables(Map<String, TableKeys> keys, Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> items) {

    static Tables read(DynamoDbClient dynamo) {
        Map<String, TableKeys> keys = new TreeMap<>();
        Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> items = new TreeMap<>();
        for (String table : dynamo.listTablesPaginator(b -> { }).tableNames()) {
            TableKeys schema = TableKeys.describe(dynamo, table);
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey = new HashMap<>();
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                    .forEach(item -> byKey.put(schema.keyOf(item), item));
            keys.put(table, schema);
            items.put(table, byKey);
        }
        return new Tables(keys, items);
    }
}
