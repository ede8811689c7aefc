package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

/**
 * The placeholders of one DynamoDB request: every attribute name and value an expression names
 * goes by one (status, from, to and name are reserved words). Generated ones carry a prefix of
 * their own, so they never meet the ones a condition names itself ({@code :tenant}, {@code #status}).
 */
final class Placeholders {
    private final String prefix;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    Placeholders(String prefix) {
        this.prefix = prefix;
    }

    String name(String attribute) {
        String placeholder = "#" + prefix + names.size();
        names.put(placeholder, attribute);
        return placeholder;
    }

    String value(AttributeValue value) {
        String placeholder = ":" + prefix + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    void name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
    }

    void value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
    }

    // DynamoDB refuses an empty map of names or values, and a request may use none.
    Map<String, String> names() {
        return names.isEmpty() ? null : Map.copyOf(names);
    }

    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : Map.copyOf(values);
    }
}
