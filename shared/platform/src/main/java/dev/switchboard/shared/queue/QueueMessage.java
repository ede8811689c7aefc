package dev.switchboard.shared.queue;

import java.util.Map;

/**
 * One message taken from a queue, as a worker's domain class sees it: no Lambda or SQS types.
 *
 * @param messageId    SQS's id of the message; the same on every redelivery
 * @param body         the message body as sent
 * @param receiveCount how many times SQS has handed it out, this time included
 * @param attributes   the string message attributes (for Switchboard's events: eventId, type, tenantId)
 */
public record QueueMessage(String messageId, String body, int receiveCount, Map<String, String> attributes) {
    public QueueMessage {
        attributes = Map.copyOf(attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
