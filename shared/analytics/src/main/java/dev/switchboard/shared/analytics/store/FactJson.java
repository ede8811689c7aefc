package dev.switchboard.shared.analytics.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fact's events as its item keeps them: a JSON array of {id, type, at, fields}. */
final class FactJson {
    private FactJson() {
    }

    static String write(List<MetricEvent> events) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (MetricEvent e : events) {
            ObjectNode node = array.addObject();
            node.put("id", e.id());
            node.put("type", e.type());
            node.put("at", e.occurredAt().toString());
            ObjectNode fields = node.putObject("fields");
            e.fields().forEach(fields::put);
        }
        return array.toString();
    }

    static List<MetricEvent> read(String tenantId, String json) {
        List<MetricEvent> events = new ArrayList<>();
        for (JsonNode node : Json.parse(json)) {
            Map<String, String> fields = new LinkedHashMap<>();
            node.path("fields").properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
            events.add(new MetricEvent(node.path("id").asText(), tenantId, node.path("type").asText(),
                    Instant.parse(node.path("at").asText()), fields));
        }
        return events;
    }
}
