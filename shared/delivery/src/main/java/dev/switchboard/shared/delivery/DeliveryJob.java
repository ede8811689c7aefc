package dev.switchboard.shared.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Work for the delivery worker beside the events it fans out: one attempt of one event at one
 * endpoint, or a stretch of a recovery. Each is its own queue message, so a slow endpoint holds
 * only its own attempts.
 */
public sealed interface DeliveryJob {
    String tenantId();

    String endpointId();

    /**
     * @param attempt   1 for the first, up to {@link RetrySchedule#attempts()}
     * @param notBefore not tried before then (SQS delays a message 15 minutes at most: a longer wait
     *                  hops)
     * @param body      the event exactly as it is sent and signed
     */
    record Attempt(String tenantId, String endpointId, String eventId, String eventType, int attempt,
                   Instant notBefore, String body) implements DeliveryJob {
        public Attempt next(Instant notBefore) {
            return new Attempt(tenantId, endpointId, eventId, eventType, attempt + 1, notBefore, body);
        }

        public Attempt waitingUntil(Instant notBefore) {
            return new Attempt(tenantId, endpointId, eventId, eventType, attempt, notBefore, body);
        }
    }

    /**
     * Sends again the tenant's events of [from, until] that the endpoint wants: those not yet
     * delivered to it ({@code failedOnly}), or all of them.
     *
     * @param after where in the tenant's event log this stretch starts (null: at {@code from})
     */
    record Recovery(String tenantId, String endpointId, Instant from, Instant until, boolean failedOnly,
                    String after) implements DeliveryJob {
        public Recovery continuing(String after) {
            return new Recovery(tenantId, endpointId, from, until, failedOnly, after);
        }
    }

    /** The job's message body; the worker tells it from an event by its {@code job} field. */
    static String write(DeliveryJob job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (job) {
            case Attempt a -> {
                fields.put("job", "attempt");
                fields.put("tenantId", a.tenantId());
                fields.put("endpointId", a.endpointId());
                fields.put("eventId", a.eventId());
                fields.put("eventType", a.eventType());
                fields.put("attempt", a.attempt());
                fields.put("notBefore", a.notBefore().toString());
                fields.put("body", a.body());
            }
            case Recovery r -> {
                fields.put("job", "recovery");
                fields.put("tenantId", r.tenantId());
                fields.put("endpointId", r.endpointId());
                fields.put("from", r.from().toString());
                fields.put("until", r.until().toString());
                fields.put("failedOnly", r.failedOnly());
                fields.put("after", r.after());
            }
        }
        return Json.write(fields);
    }

    /** The job a message carries, or null when it carries an event (the fan-out's input). */
    static DeliveryJob read(JsonNode message) {
        return switch (message.path("job").asText("")) {
            case "attempt" -> new Attempt(text(message, "tenantId"), text(message, "endpointId"),
                    text(message, "eventId"), text(message, "eventType"), message.path("attempt").asInt(1),
                    Instant.parse(text(message, "notBefore")), text(message, "body"));
            case "recovery" -> new Recovery(text(message, "tenantId"), text(message, "endpointId"),
                    Instant.parse(text(message, "from")), Instant.parse(text(message, "until")),
                    message.path("failedOnly").asBoolean(true),
                    message.path("after").isTextual() ? message.path("after").asText() : null);
            case "" -> null;
            default -> throw new IllegalArgumentException("unknown delivery job " + message.path("job").asText());
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("delivery job without " + field);
        }
        return value.asText();
    }
}
