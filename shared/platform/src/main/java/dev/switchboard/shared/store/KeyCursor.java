package dev.switchboard.shared.store;

import dev.switchboard.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opaque list cursors: a DynamoDB LastEvaluatedKey of string attributes, as base64url JSON.
 * Decoding holds a cursor to the query it continues: exactly that query's key attributes,
 * the caller's own tenant, values of a key's size. Anything else (edited, from another
 * list or another tenant) is a {@link BadCursor} before DynamoDB sees it.
 */
public final class KeyCursor {
    private static final String NOT_OURS = "cursor is not one this API returned";

    private KeyCursor() {
    }

    public static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        lastKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /** The longest cursor accepted: far above any key this API hands out. */
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_VALUE_LENGTH = 1024;

    /**
     * @param tenantId the tenant whose list this is: the cursor's tenantId must be it
     * @param keyNames the attributes of the query's LastEvaluatedKey (table and index keys)
     */
    public static Map<String, AttributeValue> decode(String cursor, String tenantId, String... keyNames) {
        Map<String, AttributeValue> key = decode(cursor);
        if (key == null) {
            return null;
        }
        boolean fits = key.keySet().equals(java.util.Set.of(keyNames))
                && tenantId.equals(key.get("tenantId").s())
                && key.values().stream().allMatch(v -> !v.s().isEmpty() && v.s().length() <= MAX_VALUE_LENGTH);
        if (!fits) {
            throw new BadCursor(NOT_OURS);
        }
        return key;
    }

    /**
     * A list's cursor from before it was read from shards ({@link ShardedQuery}), decoded as
     * {@link #decode(String, String, String...)} does (as {@link #decodeKey} does when
     * {@code tenantId} is null: a list not keyed by tenant); null when {@code cursor} is a position of
     * today's (a sort key's value, which never starts as a base64url JSON object does).
     */
    public static Map<String, AttributeValue> earlier(String cursor, String tenantId, String... keyNames) {
        if (cursor == null || !cursor.startsWith(JSON_OBJECT)) {
            return null;
        }
        return tenantId == null ? decodeKey(cursor, keyNames) : decode(cursor, tenantId, keyNames);
    }

    /** How base64url starts a JSON object's first name: {@code {"}. */
    private static final String JSON_OBJECT = "eyJ";

    /**
     * For an index not keyed by tenant: the cursor must be sealed with a scope that names the
     * tenant (CursorSeal), so only its key names are checked here.
     */
    public static Map<String, AttributeValue> decodeKey(String cursor, String... keyNames) {
        Map<String, AttributeValue> key = decode(cursor);
        if (key != null && !(key.keySet().equals(java.util.Set.of(keyNames))
                && key.values().stream().allMatch(v -> !v.s().isEmpty() && v.s().length() <= MAX_VALUE_LENGTH))) {
            throw new BadCursor(NOT_OURS);
        }
        return key;
    }

    private static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new BadCursor(NOT_OURS);
        }
        try {
            var node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException();
                }
                key.put(e.getKey(), AttributeValue.fromS(e.getValue().asText()));
            });
            if (key.isEmpty()) {
                throw new IllegalArgumentException();
            }
            return key;
        } catch (Exception e) {
            throw new BadCursor(NOT_OURS);
        }
    }
}
