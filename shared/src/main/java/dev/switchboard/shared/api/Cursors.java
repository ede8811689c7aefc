package dev.switchboard.shared.api;

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
 * list or another tenant) is a 400 before DynamoDB sees it.
 */
public final class Cursors {
    private Cursors() {
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
            throw ApiError.badField("cursor", "cursor is not one this API returned");
        }
        return key;
    }

    /**
     * For an index not keyed by tenant: the cursor must be sealed with a scope that names the
     * tenant (CursorSeal), so only its key names are checked here.
     */
    public static Map<String, AttributeValue> decodeKey(String cursor, String... keyNames) {
        Map<String, AttributeValue> key = decode(cursor);
        if (key != null && !(key.keySet().equals(java.util.Set.of(keyNames))
                && key.values().stream().allMatch(v -> !v.s().isEmpty() && v.s().length() <= MAX_VALUE_LENGTH))) {
            throw ApiError.badField("cursor", "cursor is not one this API returned");
        }
        return key;
    }

    private static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw ApiError.badField("cursor", "cursor is not one this API returned");
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
            throw ApiError.badField("cursor", "cursor is not one this API returned");
        }
    }

    /** The most items one page holds. */
    public static final int MAX_LIMIT = 100;

    /** A page's size: 400 when not a positive whole number, 422 naming the limit when above it. */
    public static int limit(ApiRequest request) {
        return request.query("limit").map(v -> {
            long limit;
            try {
                limit = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiError.badField("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (limit < 1) {
                throw ApiError.badField("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (limit > MAX_LIMIT) {
                throw ApiError.unprocessable("limit", "A page holds at most " + MAX_LIMIT + " items; got " + limit);
            }
            return (int) limit;
        }).orElse(25);
    }
}
