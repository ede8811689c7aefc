package dev.switchboard.shared.api;

import dev.switchboard.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opaque list cursors: a DynamoDB LastEvaluatedKey of string attributes, as base64url JSON.
 * A forged cursor can only point inside the caller's own partition, since every list query
 * is keyed by the caller's tenant; one that does not parse is a 400.
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

    public static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
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

    public static int limit(ApiRequest request) {
        return request.query("limit").map(v -> {
            try {
                int limit = Integer.parseInt(v);
                if (limit < 1 || limit > 100) {
                    throw new NumberFormatException();
                }
                return limit;
            } catch (NumberFormatException e) {
                throw ApiError.badField("limit", "limit must be a whole number from 1 to 100");
            }
        }).orElse(25);
    }
}
