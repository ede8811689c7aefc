package dev.switchboard.shared.events;

import dev.switchboard.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Map;

/**
 * Events to the SQS events queue as JSON, with type and tenant also as message attributes so a
 * consumer can filter without parsing the body.
 */
public final class SqsEventPublisher implements EventPublisher {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventPublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(DomainEvent event) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(Json.write(event))
                .messageAttributes(Map.of(
                        "type", attribute(event.type()),
                        "tenantId", attribute(event.tenantId()),
                        "eventId", attribute(event.id()))));
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
