package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way Switchboard writes DynamoDB expressions: an update built clause by clause and the
 * condition it is written under. Every attribute an update names goes by a placeholder (status,
 * from, to and name are reserved words), every value by another; a null value adds no clause.
 * A condition is written with its own placeholders ({@code :tenant}, {@code #status}) given
 * beside it, which never collide with the generated ones ({@code #a0}, {@code :v0}).
 */
public final class Expression {
    private final Placeholders placeholders = new Placeholders("a");
    private final List<String> sets = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private String condition;

    private Expression() {
    }

    /** An update, or a bare condition (for a condition check, a put or a delete). */
    public static Expression of() {
        return new Expression();
    }

    /** A write under {@code condition}. */
    public static Expression when(String condition) {
        return new Expression().condition(condition);
    }

    public Expression set(String attribute, AttributeValue value) {
        if (value != null) {
            sets.add(placeholders.name(attribute) + " = " + placeholders.value(value));
        }
        return this;
    }

    public Expression set(String attribute, String value) {
        return set(attribute, value == null ? null : AttributeValue.fromS(value));
    }

    public Expression set(String attribute, Number value) {
        return set(attribute, value == null ? null : AttributeValue.fromN(value.toString()));
    }

    /** Sets the attribute only where the item has none yet: the first writer's value stays. */
    public Expression setIfAbsent(String attribute, AttributeValue value) {
        if (value != null) {
            String placeholder = placeholders.name(attribute);
            sets.add(placeholder + " = if_not_exists(" + placeholder + ", " + placeholders.value(value) + ")");
        }
        return this;
    }

    public Expression setIfAbsent(String attribute, String value) {
        return setIfAbsent(attribute, value == null ? null : AttributeValue.fromS(value));
    }

    public Expression add(String attribute, AttributeValue value) {
        if (value != null) {
            adds.add(placeholders.name(attribute) + " " + placeholders.value(value));
        }
        return this;
    }

    public Expression remove(String attribute) {
        removes.add(placeholders.name(attribute));
        return this;
    }

    /** The condition the write is made under; its placeholders come with {@link #with}. */
    public Expression condition(String condition) {
        this.condition = condition;
        return this;
    }

    /** A value placeholder of the condition, {@code :tenant}. */
    public Expression with(String placeholder, AttributeValue value) {
        placeholders.value(placeholder, value);
        return this;
    }

    public Expression with(String placeholder, String value) {
        return with(placeholder, AttributeValue.fromS(value));
    }

    public Expression with(String placeholder, long value) {
        return with(placeholder, AttributeValue.fromN(Long.toString(value)));
    }

    /** A name placeholder of the condition, {@code #status}. */
    public Expression named(String placeholder, String attribute) {
        placeholders.name(placeholder, attribute);
        return this;
    }

    String updateExpression() {
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets));
        }
        if (!adds.isEmpty()) {
            expression.append(" ADD ").append(String.join(", ", adds));
        }
        if (!removes.isEmpty()) {
            expression.append(" REMOVE ").append(String.join(", ", removes));
        }
        return expression.toString().trim();
    }

    /** This update of the item at {@code key}, as one item of a transaction. */
    public TransactWriteItem update(String table, Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression(updateExpression()).conditionExpression(condition)
                .expressionAttributeNames(placeholders.names()).expressionAttributeValues(placeholders.values()).build()).build();
    }

    /** This update of the item at {@code key}, on its own. */
    public UpdateItemRequest updateItem(String table, Map<String, AttributeValue> key) {
        return UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression(updateExpression()).conditionExpression(condition)
                .expressionAttributeNames(placeholders.names()).expressionAttributeValues(placeholders.values()).build();
    }

    /** The condition alone, checked on the item at {@code key} as one item of a transaction. */
    public TransactWriteItem check(String table, Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key)
                .conditionExpression(condition).expressionAttributeNames(placeholders.names())
                .expressionAttributeValues(placeholders.values()).build()).build();
    }

    /** {@code item} written whole under the condition, as one item of a transaction. */
    public TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition).expressionAttributeNames(placeholders.names())
                .expressionAttributeValues(placeholders.values()).build()).build();
    }

    /** The item at {@code key} deleted under the condition, as one item of a transaction. */
    public TransactWriteItem delete(String table, Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key)
                .conditionExpression(condition).expressionAttributeNames(placeholders.names())
                .expressionAttributeValues(placeholders.values()).build()).build();
    }

    /** The item at {@code key} deleted under the condition, on its own. */
    public DeleteItemRequest deleteItem(String table, Map<String, AttributeValue> key) {
        return DeleteItemRequest.builder().tableName(table).key(key)
                .conditionExpression(condition).expressionAttributeNames(placeholders.names())
                .expressionAttributeValues(placeholders.values()).build();
    }
}
