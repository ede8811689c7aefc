package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading and writing DynamoDB items by hand. We use the low-level client, not the enhanced
 * one: its bean introspection costs cold-start time that a handful of attributes do not need.
 */
public final class Item {
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    public static Item create() {
        return new Item();
    }

    /** Adds a string attribute; a null or empty value is left out (DynamoDB keys reject empty). */
    public Item put(String name, String value) {
        if (value != null && !value.isEmpty()) {
            values.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public Item put(String name, long value) {
        values.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    public Item put(String name, Integer value) {
        if (value != null) {
            values.put(name, AttributeValue.fromN(value.toString()));
        }
        return this;
    }

    public Item put(String name, boolean value) {
        values.put(name, AttributeValue.fromBool(value));
        return this;
    }

    public Item put(String name, Item nested) {
        values.put(name, AttributeValue.fromM(nested.build()));
        return this;
    }

    public Item putStrings(String name, Map<String, String> map) {
        Map<String, AttributeValue> nested = new LinkedHashMap<>();
        map.forEach((k, v) -> nested.put(k, AttributeValue.fromS(v)));
        values.put(name, AttributeValue.fromM(nested));
        return this;
    }

    public Map<String, AttributeValue> build() {
        return Map.copyOf(values);
    }

    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.parseLong(value.n());
    }

    public static java.time.Instant instant(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        return value == null ? null : java.time.Instant.parse(value);
    }

    public static Integer integer(Map<String, AttributeValue> item, String name) {
        Long value = number(item, name);
        return value == null ? null : value.intValue();
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    public static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasM() ? Map.of() : value.m();
    }

    /**
     * A short hex digest of a callback's parameters, names and values, in name order: the key of
     * its log entry, so that the same callback delivered again lands on the same key.
     */
    public static String digest(Map<String, String> params, int bytes) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            new java.util.TreeMap<>(params).forEach((k, v) -> {
                sha.update(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> strings(Map<String, AttributeValue> item, String name) {
        Map<String, String> result = new LinkedHashMap<>();
        map(item, name).forEach((k, v) -> result.put(k, v.s()));
        return result;
    }
}
