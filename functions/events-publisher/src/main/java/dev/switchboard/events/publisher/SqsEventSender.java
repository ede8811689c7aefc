package dev.switchboard.events.publisher;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Map;

/**
 * One event to one queue: the body as stored in the outbox, with type, tenant and event id
 * also as message attributes so a consumer can filter and de-duplicate without parsing it.
 */
public final class SqsEventSender {
    private final SqsClient sqs;

    public SqsEventSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void send(String queueUrl, String eventId, String type, String tenantId, String body) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(body)
                .messageAttributes(Map.of(
                        "type", attribute(type),
                        "tenantId", attribute(tenantId),
                        "eventId", attribute(eventId))));
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
