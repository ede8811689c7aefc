package dev.switchboard.local.bench.load;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An item's size as DynamoDB counts it for capacity ("Item sizes and formats" in its developer
 * guide): each attribute's name in UTF-8 plus its value. A string is its UTF-8 bytes, binary its
 * raw bytes, a number one byte per two significant digits plus one, a boolean or null one byte; a
 * list or map 3 bytes plus its elements, each element one byte more (and, in a map, its name).
 * A set is the sum of its members. DynamoDB's own figure may differ by a few bytes for numbers
 * (the rule is "approximately"); a write unit is a whole kilobyte, so only an item within a few
 * bytes of a kilobyte boundary could be counted one unit off.
 */
public final class ItemSize {
    public static final int WRITE_UNIT_BYTES = 1024;

    private ItemSize() {
    }

    /** The item's size in bytes; 0 for no item. */
    public static long of(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        for (var attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    /** Write units for an item of this size: one per kilobyte or part of one, at least one. */
    public static long writeUnits(long bytes) {
        return Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
    }

    static long value(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> bytes(value.b());
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> value.bs().stream().mapToLong(ItemSize::bytes).sum();
            case L -> list(value.l());
            case M -> map(value.m());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of unknown type");
        };
    }

    private static long list(List<AttributeValue> elements) {
        long size = 3;
        for (AttributeValue element : elements) {
            size += value(element) + 1;
        }
        return size;
    }

    private static long map(Map<String, AttributeValue> entries) {
        long size = 3;
        for (var entry : entries.entrySet()) {
            size += utf8(entry.getKey()) + value(entry.getValue()) + 1;
        }
        return size;
    }

    /** One byte per two significant digits (leading and trailing zeros trimmed), plus one. */
    static long number(String number) {
        String digits = new BigDecimal(number).unscaledValue().abs().toString().replaceAll("0+$", "");
        int significant = Math.max(1, digits.length());
        return (significant + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(SdkBytes bytes) {
        return bytes.asByteArrayUnsafe().length;
    }
}
