package dev.switchboard.local.bench.load;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * One item a write request acts on: a PutItem, UpdateItem or DeleteItem, one request of a
 * BatchWriteItem, or one action of a TransactWriteItems (a ConditionCheck included: DynamoDB bills
 * it as a write of the item it checks).
 *
 * @param put the item a put writes; null for the other kinds
 */
public record ItemWrite(String table, Map<String, AttributeValue> key, Kind kind, Map<String, AttributeValue> put,
                        boolean transactional) {
    public enum Kind { PUT, UPDATE, DELETE, CHECK }
}
