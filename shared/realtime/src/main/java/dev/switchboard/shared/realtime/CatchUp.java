package dev.switchboard.shared.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resume read again once the settle window has passed: an event stamped before the connection
 * opened but not yet in the log's index when the resume read it, and pushed live before the
 * connection was in the table, would otherwise be missed. The push worker does it; the browser
 * drops what it already has by id.
 *
 * @param position where the resume started
 * @param until    when the connection opened: later events were pushed to it live
 */
public record CatchUp(String tenantId, String connectionId, String position, Instant until) {
    public String write() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job", "catch-up");
        fields.put("tenantId", tenantId);
        fields.put("connectionId", connectionId);
        fields.put("position", position);
        fields.put("until", until.toString());
        return Json.write(fields);
    }

    /** The catch-up a message carries, or null when it carries an event. */
    public static CatchUp read(JsonNode message) {
        if (!"catch-up".equals(message.path("job").asText())) {
            return null;
        }
        return new CatchUp(message.path("tenantId").asText(), message.path("connectionId").asText(),
                message.path("position").asText(), Instant.parse(message.path("until").asText()));
    }
}
