package dev.switchboard.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.twilio.PhoneNumbers;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of a JSON request body: unknown fields and wrong types are 400 naming the
 * field; values of the right type that cannot be accepted are 422 (see {@link #validated}).
 */
public final class JsonObject {
    private final JsonNode node;
    private final String prefix;

    JsonObject(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw ApiError.badRequest("The body must be a JSON object");
        }
        this.node = node;
        this.prefix = prefix;
    }

    /** Refuses any field not in {@code allowed}. */
    public JsonObject only(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiError.badField(prefix + name, "Unknown field " + prefix + name);
            }
        }
        return this;
    }

    public boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    /** Whether the field is in the body at all, null included: in a PATCH, null clears. */
    public boolean present(String name) {
        return node.has(name);
    }

    /**
     * The longest string any field takes unless it says less: Twilio's {@code <Say>} limit, so
     * a greeting fits, and far below what could grow an item towards DynamoDB's 400 KB.
     */
    public static final int MAX_STRING = 4096;
    /** Names of people and workspaces. */
    public static final int MAX_NAME = 200;

    /** A string field of at most {@link #MAX_STRING} characters. */
    public Optional<String> string(String name) {
        return string(name, MAX_STRING);
    }

    /**
     * One of our ids (an agent's, a tenant's): 1 to 64 letters, digits, '_' or '-', checked before
     * any store is asked for it. Anything else is a 422 naming the field.
     */
    public Optional<String> id(String name) {
        Optional<String> value = string(name, 64);
        if (value.isPresent() && !ID.matcher(value.get()).matches()) {
            throw ApiError.unprocessable(prefix + name, prefix + name + " must be 1 to 64 letters, digits, '_' or '-'");
        }
        return value;
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A string field of at most {@code max} characters: longer is a 422 naming the field and the limit. */
    public Optional<String> string(String name, int max) {
        Optional<String> value = text(name);
        if (value.isPresent() && value.get().length() > max) {
            throw ApiError.unprocessable(prefix + name, prefix + name + " must be at most " + max + " characters");
        }
        return value;
    }

    /** A required name: present, not blank, at most {@link #MAX_NAME} characters. */
    public String requiredName(String name) {
        return string(name, MAX_NAME).filter(v -> !v.isBlank())
                .orElseThrow(() -> ApiError.badField(prefix + name, prefix + name + " is required"));
    }

    private Optional<String> text(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiError.badField(prefix + name, prefix + name + " must be a string");
        }
        if (!dev.switchboard.shared.json.Text.isClean(value.asText())) {
            throw ApiError.unprocessable(prefix + name, prefix + name
                    + " holds characters that cannot be stored or sent on (control characters or unpaired surrogates)");
        }
        return Optional.of(value.asText());
    }

    public String requiredString(String name) {
        return string(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> ApiError.badField(prefix + name, prefix + name + " is required"));
    }

    public Optional<Boolean> bool(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiError.badField(prefix + name, prefix + name + " must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    public Optional<Integer> integer(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiError.badField(prefix + name, prefix + name + " must be a whole number");
        }
        return Optional.of(value.asInt());
    }

    /** A field as it was sent, for a capability that reads it whole (a flow): absent or null is empty. */
    public Optional<JsonNode> raw(String name) {
        return Optional.ofNullable(node.get(name)).filter(v -> !v.isNull());
    }

    public Optional<JsonObject> object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw ApiError.badField(prefix + name, prefix + name + " must be an object");
        }
        return Optional.of(new JsonObject(value, prefix + name + "."));
    }

    /** An array of strings: more than {@code maxItems}, or one longer than {@code maxLength}, is a 422. */
    public Optional<java.util.List<String>> strings(String name, int maxItems, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ApiError.badField(prefix + name, prefix + name + " must be an array of strings");
        }
        if (value.size() > maxItems) {
            throw ApiError.unprocessable(prefix + name, prefix + name + " holds at most " + maxItems + " items");
        }
        java.util.List<String> items = new java.util.ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String field = prefix + name + "[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw ApiError.badField(field, field + " must be a string");
            }
            if (item.asText().length() > maxLength || !dev.switchboard.shared.json.Text.isClean(item.asText())) {
                throw ApiError.unprocessable(field, field + " must be at most " + maxLength
                        + " characters of text");
            }
            items.add(item.asText());
        }
        return Optional.of(items);
    }

    /** An array of objects, each read as strictly as the body itself. */
    public Optional<java.util.List<JsonObject>> array(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ApiError.badField(prefix + name, prefix + name + " must be an array");
        }
        java.util.List<JsonObject> items = new java.util.ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw ApiError.badField(prefix + name + "[" + i + "]", prefix + name + "[" + i + "] must be an object");
            }
            items.add(new JsonObject(value.get(i), prefix + name + "[" + i + "]."));
        }
        return Optional.of(items);
    }

    public Optional<String> e164(String name) {
        return string(name).map(v -> {
            if (!PhoneNumbers.isE164(v)) {
                throw ApiError.unprocessable(prefix + name, prefix + name + " must be an E.164 number like +14155550100");
            }
            return v;
        });
    }

    /** Runs a domain constructor; its IllegalArgumentException (which names the field) becomes 422. */
    public static <T> T validated(String field, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw ApiError.unprocessable(field, e.getMessage());
        }
    }
}
