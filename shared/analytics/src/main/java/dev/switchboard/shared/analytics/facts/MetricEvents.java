package dev.switchboard.shared.analytics.facts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event's JSON, as the outbox keeps it and the log replays it, read as the metrics read it. */
public final class MetricEvents {
    private MetricEvents() {
    }

    /** The envelope's id, tenant, type and time, and the payload's scalar fields as text. */
    public static MetricEvent of(JsonNode event) {
        Map<String, String> fields = new LinkedHashMap<>();
        event.path("payload").properties().forEach(f -> {
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                fields.put(f.getKey(), f.getValue().asText());
            }
        });
        return new MetricEvent(event.path("id").asText(), event.path("tenantId").asText(), event.path("type").asText(),
                Instant.parse(event.path("occurredAt").asText()), fields);
    }
}
