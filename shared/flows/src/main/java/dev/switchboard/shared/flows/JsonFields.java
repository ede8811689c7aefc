package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One JSON object of a flow, read strictly: an unknown field, a wrong type or a value out of its
 * limits is an {@link InvalidFlow} naming the field's path. A field that is null reads as absent.
 */
final class JsonFields {
    private final JsonNode node;
    /** The object's own path, "" for the body. */
    private final String path;

    JsonFields(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidFlow(path, (path.isEmpty() ? "The flow" : path) + " must be a JSON object");
        }
        this.node = node;
        this.path = path;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Refuses any field not in {@code allowed}: a misspelt field would otherwise be a silent default. */
    JsonFields only(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidFlow(path(name), "Unknown field " + path(name));
            }
        }
        return this;
    }

    /** Whether the field is there at all, null included: for a field where null means "off". */
    boolean present(String field) {
        return node.has(field);
    }

    String text(String field, int max) {
        return textOf(node.get(field), path(field), max);
    }

    String requiredText(String field, int max) {
        String value = text(field, max);
        if (value == null) {
            throw new InvalidFlow(path(field), path(field) + " is required");
        }
        return value;
    }

    String id(String field) {
        return idOf(node.get(field), path(field));
    }

    String requiredId(String field) {
        String value = id(field);
        if (value == null) {
            throw new InvalidFlow(path(field), path(field) + " is required");
        }
        return value;
    }

    int integer(String field, int min, int max, int otherwise) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new InvalidFlow(path(field), path(field) + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    boolean bool(String field, boolean otherwise) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw new InvalidFlow(path(field), path(field) + " must be true or false");
        }
        return value.asBoolean();
    }

    JsonFields object(String field) {
        return new JsonFields(node.get(field), path(field));
    }

    /** The items of an array field, at most {@code max}; empty when the field is absent. */
    List<JsonNode> array(String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidFlow(path(field), path(field) + " must be an array");
        }
        if (value.size() > max) {
            throw new InvalidFlow(path(field), path(field) + " holds at most " + max + " items");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** An array of texts, each 1 to {@code maxLength} characters, none twice. */
    List<String> texts(String field, int maxItems, int maxLength) {
        List<String> texts = new ArrayList<>();
        List<JsonNode> items = array(field, maxItems);
        for (int i = 0; i < items.size(); i++) {
            texts.add(textOf(items.get(i), path(field) + "[" + i + "]", maxLength));
        }
        return distinct(field, texts);
    }

    /** An array of ids, none twice. */
    List<String> ids(String field, int maxItems) {
        List<String> ids = new ArrayList<>();
        List<JsonNode> items = array(field, maxItems);
        for (int i = 0; i < items.size(); i++) {
            ids.add(idOf(items.get(i), path(field) + "[" + i + "]"));
        }
        return distinct(field, ids);
    }

    Iterator<String> fieldNames() {
        return node.fieldNames();
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    private List<String> distinct(String field, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidFlow(path(field) + "[" + i + "]", path(field) + "[" + i + "] must not be null");
            }
            if (!seen.add(values.get(i))) {
                throw new InvalidFlow(path(field) + "[" + i + "]", path(field) + "[" + i + "] repeats "
                        + values.get(i));
            }
        }
        return values;
    }

    /** Not blank, at most {@code max} characters, and only characters TwiML and our queues carry. */
    static String textOf(JsonNode value, String path, int max) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFlow(path, path + " must be a string");
        }
        String text = value.asText();
        if (text.isBlank() || text.length() > max) {
            throw new InvalidFlow(path, path + " must be 1 to " + max + " characters, not blank");
        }
        if (!Text.isClean(text)) {
            throw new InvalidFlow(path, path
                    + " holds characters that cannot be stored or spoken (control characters or unpaired surrogates)");
        }
        return text;
    }

    static String idOf(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !FlowLimits.ID.matcher(value.asText()).matches()) {
            throw new InvalidFlow(path, path + " must be an id: 1 to 64 letters, digits, '_' or '-'");
        }
        return value.asText();
    }
}
