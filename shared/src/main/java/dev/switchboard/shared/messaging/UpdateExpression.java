package dev.switchboard.shared.messaging;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An update expression, every attribute name by placeholder (status, from, to are reserved words). */
final class UpdateExpression {
    private final String table;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();

    UpdateExpression(String table) {
        this.table = table;
    }

    private String name(String attribute) {
        String placeholder = "#a" + names.size();
        names.put(placeholder, attribute);
        return placeholder;
    }

    private String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    UpdateExpression set(String attribute, AttributeValue value) {
        if (value != null) {
            sets.add(name(attribute) + " = " + value(value));
        }
        return this;
    }

    UpdateExpression setIfAbsent(String attribute, AttributeValue value) {
        if (value != null) {
            String n = name(attribute);
            sets.add(n + " = if_not_exists(" + n + ", " + value(value) + ")");
        }
        return this;
    }

    UpdateExpression add(String attribute, AttributeValue value) {
        adds.add(name(attribute) + " " + value(value));
        return this;
    }

    UpdateExpression remove(String attribute) {
        removes.add(name(attribute));
        return this;
    }

    TransactWriteItem update(Map<String, AttributeValue> key, String condition,
                             Map<String, AttributeValue> conditionValues) {
        return update(key, condition, conditionValues, Map.of());
    }

    TransactWriteItem update(Map<String, AttributeValue> key, String condition,
                             Map<String, AttributeValue> conditionValues, Map<String, String> conditionNames) {
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
        Map<String, String> allNames = new HashMap<>(names);
        allNames.putAll(conditionNames);
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.putAll(conditionValues);
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression(expression.toString().trim())
                .conditionExpression(condition)
                .expressionAttributeNames(allNames)
                .expressionAttributeValues(allValues.isEmpty() ? null : allValues)
                .build()).build();
    }
}
