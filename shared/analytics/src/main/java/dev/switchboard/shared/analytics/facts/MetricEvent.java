package dev.switchboard.shared.analytics.facts;

import java.time.Instant;
import java.util.Map;

/**
 * An event as the metrics read it: its id, tenant, type, when it occurred and the payload's
 * fields that are plain values (text, numbers, booleans), as text. What a fact keeps of the
 * events it was made from, so that it can be folded again whatever order they came in.
 */
public record MetricEvent(String id, String tenantId, String type, Instant occurredAt, Map<String, String> fields) {

    public MetricEvent {
        fields = Map.copyOf(fields);
    }

    public String text(String name) {
        return fields.get(name);
    }

    public Integer integer(String name) {
        String value = fields.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Instant instant(String name) {
        String value = fields.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
