package dev.switchboard.shared.flows.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Text;

import java.util.Iterator;
import java.util.Set;

/**
 * The fields of one JSON object of a schedule, at its path. A field the API does not define is
 * refused rather than ignored, so a misspelt "holliday" is not silently a working day. A field
 * that is JSON null counts as absent.
 */
final class JsonFields {
    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    static JsonFields of(JsonNode node, String path, String what, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw new InvalidSchedule(path, "must be " + what + " (a JSON object)");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidSchedule(at(path, name), "unknown field; " + what + " has " + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return new JsonFields(node, path);
    }

    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    String path(String field) {
        return at(path, field);
    }

    boolean has(String field) {
        return get(field) != null;
    }

    /** The field's value, or null when it is absent or null. */
    JsonNode get(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    JsonNode required(String field) {
        JsonNode value = get(field);
        if (value == null) {
            throw new InvalidSchedule(path(field), "required");
        }
        return value;
    }

    String requiredText(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw new InvalidSchedule(path(field), "must be a string");
        }
        return value.textValue();
    }

    /** Text that is said or shown: between min and max characters, not blank, none a control character. */
    String optionalText(String field, int min, int max) {
        return has(field) ? requiredText(field, min, max) : null;
    }

    String requiredText(String field, int min, int max) {
        String text = requiredText(field);
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw new InvalidSchedule(path(field), "must be " + min + " to " + max + " characters");
        }
        if (text.isBlank()) {
            throw new InvalidSchedule(path(field), "must not be blank");
        }
        if (!Text.isClean(text)) {
            throw new InvalidSchedule(path(field), "has a character that is not text");
        }
        return text;
    }

    boolean optionalBoolean(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidSchedule(path(field), "must be true or false");
        }
        return value.booleanValue();
    }

    int requiredInt(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidSchedule(path(field), "must be a whole number");
        }
        return value.intValue();
    }
}
