package dev.switchboard.shared.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a browser receives: each event as its envelope (the same JSON the webhooks and the replay API
 * carry, so a client de-duplicates by {@code id} whichever way it came), and control frames, which
 * have {@code control} instead of {@code type}. Frames stay under API Gateway's 32 KB: an event
 * larger than that is sent as its id and type, to be read from the replay API.
 */
public final class Frames {
    public static final int MAX_FRAME_BYTES = 32 * 1024;

    private Frames() {
    }

    public static String event(JsonNode event) {
        String frame = event.toString();
        if (frame.getBytes(StandardCharsets.UTF_8).length < MAX_FRAME_BYTES) {
            return frame;
        }
        Map<String, Object> stub = new LinkedHashMap<>();
        stub.put("id", event.path("id").asText());
        stub.put("type", event.path("type").asText());
        stub.put("tenantId", event.path("tenantId").asText());
        stub.put("occurredAt", event.path("occurredAt").asText());
        stub.put("truncated", true);
        return Json.write(stub);
    }

    /** A control frame: {@code {"control": name, ...fields}}. */
    public static String control(String name, Object... namesAndValues) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("control", name);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            frame.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Json.write(frame);
    }
}
