package dev.switchboard.events.publisher;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events to one queue, up to ten in one SendMessageBatch: each the body as stored in the outbox,
 * with type, tenant and event id also as message attributes so a consumer can filter and
 * de-duplicate without parsing it.
 */
public final class SqsEventSender {
    /** SQS takes at most ten messages in one batch. */
    public static final int BATCH = 10;

    /** One event as it goes to a queue. */
    public record Outgoing(String eventId, String type, String tenantId, String body) {
    }

    private final SqsClient sqs;

    public SqsEventSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** @return the ids of the events SQS did not take (none when all were sent) */
    public Set<String> send(String queueUrl, List<Outgoing> events) {
        if (events.size() > BATCH) {
            throw new IllegalArgumentException("at most " + BATCH + " events a batch");
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Outgoing e = events.get(i);
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(e.body())
                    .messageAttributes(Map.of(
                            "type", attribute(e.type()),
                            "tenantId", attribute(e.tenantId()),
                            "eventId", attribute(e.eventId())))
                    .build());
        }
        var answer = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        Set<String> failed = new HashSet<>();
        answer.failed().forEach(f -> failed.add(events.get(Integer.parseInt(f.id())).eventId()));
        return failed;
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
