package dev.switchboard.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.queue.QueueMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueueAdapterTest {

    private static SQSEvent.SQSMessage record(String id, String body, String queueArn) {
        var record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setBody(body);
        record.setEventSourceArn(queueArn);
        record.setAttributes(Map.of("ApproximateReceiveCount", "2"));
        var type = new SQSEvent.MessageAttribute();
        type.setDataType("String");
        type.setStringValue("call.started");
        record.setMessageAttributes(Map.of("type", type));
        return record;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... records) {
        var event = new SQSEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void onlyTheMessagesThatFailAreReturnedToTheQueue() {
        List<QueueMessage> seen = new ArrayList<>();
        var adapter = new QueueAdapter(m -> {
            seen.add(m);
            if (m.body().equals("bad")) {
                throw new IllegalArgumentException("unreadable");
            }
        });
        String arn = "arn:aws:sqs:us-east-1:000000000000:Work";
        var response = adapter.handle(event(record("a", "one", arn), record("b", "bad", arn), record("c", "three", arn)));
        assertEquals(List.of("b"), failed(response));
        assertEquals(List.of("one", "bad", "three"), seen.stream().map(QueueMessage::body).toList(),
                "a failure does not stop the rest of the batch");
        assertEquals(2, seen.getFirst().receiveCount());
        assertEquals("call.started", seen.getFirst().attribute("type"));
    }

    @Test
    void onAFifoQueueEverythingAfterAFailureIsReturnedUnhandled() {
        List<String> seen = new ArrayList<>();
        var adapter = new QueueAdapter(m -> {
            seen.add(m.body());
            if (m.body().equals("bad")) {
                throw new IllegalStateException("downstream unavailable");
            }
        });
        String arn = "arn:aws:sqs:us-east-1:000000000000:Work.fifo";
        var response = adapter.handle(event(record("a", "one", arn), record("b", "bad", arn), record("c", "three", arn)));
        assertEquals(List.of("b", "c"), failed(response));
        assertEquals(List.of("one", "bad"), seen, "order within a group holds: the third waits for the second");
    }

    @Test
    void anEmptyOrMissingBatchReportsNothing() {
        var adapter = new QueueAdapter(m -> {
            throw new AssertionError("nothing to handle");
        });
        assertEquals(List.of(), failed(adapter.handle(null)));
        assertEquals(List.of(), failed(adapter.handle(new SQSEvent())));
    }
}
