package dev.switchboard.shared.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The payloads the workers act on, read back from an event's JSON into the records their
 * producers wrote. Apart from {@link EventPayload} so that the webhooks, which only write events,
 * never load the JSON library.
 */
public final class EventPayloads {
    private EventPayloads() {
    }

    public static EventPayload.RecordingCompleted recordingCompleted(JsonNode payload) {
        return new EventPayload.RecordingCompleted(text(payload, "callSid"), text(payload, "recordingSid"),
                text(payload, "accountSid"), integer(payload, "durationSeconds"), integer(payload, "channels"),
                text(payload, "source"));
    }

    public static EventPayload.MessageReceived messageReceived(JsonNode payload) {
        List<EventPayload.ReceivedMedia> media = new ArrayList<>();
        payload.path("media").forEach(item -> media.add(new EventPayload.ReceivedMedia(item.path("index").asInt(),
                text(item, "contentType"))));
        return new EventPayload.MessageReceived(text(payload, "messageId"), text(payload, "conversationId"),
                text(payload, "messageSid"), text(payload, "accountSid"), text(payload, "messagingServiceSid"),
                text(payload, "from"), text(payload, "to"), text(payload, "body"), payload.path("numMedia").asInt(0),
                media);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.canConvertToInt() ? null : value.asInt();
    }
}
