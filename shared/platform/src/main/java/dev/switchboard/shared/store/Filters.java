package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The filter expression of a list's query, each condition's names and values by placeholder
 * (into the query's own {@link Placeholders}); a null value adds no condition, so an API's
 * optional query parameters pass straight through.
 */
final class Filters {
    private final Placeholders placeholders;
    private final List<String> conditions = new ArrayList<>();

    Filters(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** Only items whose {@code attribute} is {@code value}. */
    void equal(String attribute, String value) {
        if (value != null) {
            conditions.add(placeholders.name(attribute) + " = " + placeholders.value(AttributeValue.fromS(value)));
        }
    }

    /** Only items where either attribute is {@code value} (a call's from or to). */
    void either(String attribute, String other, String value) {
        if (value != null) {
            String placeholder = placeholders.value(AttributeValue.fromS(value));
            conditions.add("(" + placeholders.name(attribute) + " = " + placeholder + " OR " + placeholders.name(other)
                    + " = " + placeholder + ")");
        }
    }

    /** Only items whose {@code attribute} starts with {@code prefix}. */
    void beginsWith(String attribute, String prefix) {
        if (prefix != null) {
            conditions.add("begins_with(" + placeholders.name(attribute) + ", "
                    + placeholders.value(AttributeValue.fromS(prefix)) + ")");
        }
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** The filter expression; null when there is none (DynamoDB refuses an empty one). */
    String expression() {
        return conditions.isEmpty() ? null : String.join(" AND ", conditions);
    }
}
