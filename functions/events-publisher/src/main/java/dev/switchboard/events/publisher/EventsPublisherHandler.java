package dev.switchboard.events.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.events.EventRouting;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.LogScope;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events table's stream (DynamoDB Streams event source, ReportBatchItemFailures): publishes
 * each new event to its queues and reports the first one it could not publish.
 */
public final class EventsPublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final EventsPublisher publisher;
    private final ColdStart coldStart = new ColdStart();

    public EventsPublisherHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public EventsPublisherHandler(Platform p) {
        var events = new EventsWiring(p);
        var channels = p.settings().channels();
        this(new EventsPublisher(EventRouting.of(p.settings().eventsQueueUrl(), p.settings().mediaQueueUrl(),
                channels.deliveryQueueUrl(), channels.realtimeQueueUrl()),
                new SqsEventSender(p.sqs()), events.outbox()::settle));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(events.priming());
    }

    public EventsPublisherHandler(EventsPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try (LogScope ignored = LogScope.open(context, coldStart.first(context), null)) {
            return publish(event);
        }
    }

    private StreamsEventResponse publish(DynamodbEvent event) {
        List<OutboxRecord> records = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (var record : event.getRecords()) {
                var stream = record.getDynamodb();
                Date created = stream.getApproximateCreationDateTime();
                records.add(new OutboxRecord(stream.getSequenceNumber(), "INSERT".equals(record.getEventName()),
                        strings(stream.getNewImage()), created == null ? null : created.toInstant().plusSeconds(1)));
            }
        }
        List<StreamsEventResponse.BatchItemFailure> failures = publisher.publish(records)
                .map(sequence -> List.of(new StreamsEventResponse.BatchItemFailure(sequence))).orElse(List.of());
        return new StreamsEventResponse(failures);
    }

    private static Map<String, String> strings(Map<String, AttributeValue> image) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((name, value) -> {
                String text = value.getS() != null ? value.getS() : value.getN();
                if (text != null) {
                    strings.put(name, text);
                }
            });
        }
        return strings;
    }
}
