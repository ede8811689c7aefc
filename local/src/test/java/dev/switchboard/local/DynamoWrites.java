package dev.switchboard.local;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every DynamoDB write that DynamoDB accepted, from any SDK client of this JVM: registered for
 * all of them through the SDK's global interceptor list (test resources). A conditional write
 * that was refused, or a cancelled transaction, is not a write and is not here.
 *
 * <p>The local stack's background pollers are left out: they act on their own schedule, not
 * for the request under test.
 */
public final class DynamoWrites implements ExecutionInterceptor {
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");
    private static final List<Write> SEEN = new CopyOnWriteArrayList<>();

    /**
     * One accepted write: its operation, table, and the item (PutItem) or key (UpdateItem,
     * DeleteItem); for a transaction or a batch, no table and no item.
     */
    record Write(String operation, String table, Map<String, AttributeValue> item) {
        @Override
        public String toString() {
            return operation + " " + table + (item == null ? "" : " " + item.keySet());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String thread = Thread.currentThread().getName();
        if (service != null && service.equalsIgnoreCase("DynamoDB") && WRITES.contains(operation)
                && !thread.endsWith("-event-sources")) {
            var request = context.request();
            String table = request.getValueForField("TableName", String.class).orElse("(many)");
            Map<String, AttributeValue> item = operation.equals("PutItem")
                    ? itemOf(request.getValueForField("Item", Map.class))
                    : itemOf(request.getValueForField("Key", Map.class));
            SEEN.add(new Write(operation, table, item));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue> itemOf(java.util.Optional<Map> value) {
        return value.map(m -> (Map<String, AttributeValue>) m).orElse(null);
    }

    /** How many writes so far: take it before a request and compare with {@link #since}. */
    static int mark() {
        return SEEN.size();
    }

    /** The writes made after {@code mark}. */
    static List<Write> since(int mark) {
        return List.copyOf(SEEN.subList(mark, SEEN.size()));
    }
}
