package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * What consumers of the events queue see. Every message received is kept here, so that a test
 * draining the queue never takes events from under another test's feet.
 */
final class EventsQueue {
    private static final List<JsonNode> RECEIVED = new ArrayList<>();

    private EventsQueue() {
    }

    /** Events so far with this type whose payload names this CallSid. */
    static synchronized List<JsonNode> forCall(String type, String callSid) {
        drain();
        return RECEIVED.stream()
                .filter(e -> e.path("type").asText().equals(type))
                .filter(e -> e.path("payload").path("callSid").asText().equals(callSid))
                .toList();
    }

    /** Every event received so far. */
    static synchronized List<JsonNode> all() {
        drain();
        return List.copyOf(RECEIVED);
    }

    private static void drain() {
        // What the webhooks wrote to the outbox, through the publisher, into the queue.
        TestStack.get().eventSources().drain();
        var sqs = TestStack.repositories().sqs();
        String queueUrl = TestStack.repositories().settings().eventsQueueUrl();
        while (true) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return;
            }
            for (var message : messages) {
                try {
                    RECEIVED.add(Json.MAPPER.readTree(message.body()));
                } catch (Exception e) {
                    throw new AssertionError("event is not JSON: " + message.body(), e);
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
