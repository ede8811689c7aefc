package dev.switchboard.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.queue.QueueMessage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.log.CapturedLogs;
import org.junit.jupiter.api.Test;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aFailedMessageIsLoggedWithItsInvocationItsIdsAndWhereItFailed() throws Exception {
        var adapter = new QueueAdapter(m -> {
            throw new IllegalStateException("the bucket said no");
        });
        var record = record("m-1", "{}", "arn:aws:sqs:us-east-1:000000000000:Work");
        var eventId = new SQSEvent.MessageAttribute();
        eventId.setDataType("String");
        eventId.setStringValue("evt_123");
        var tenant = new SQSEvent.MessageAttribute();
        tenant.setDataType("String");
        tenant.setStringValue("acme");
        record.setMessageAttributes(Map.of("eventId", eventId, "tenantId", tenant));
        var lambda = new FakeLambdaContext("req-1", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        List<JsonNode> lines = CapturedLogs.during(() -> {
            assertEquals(List.of("m-1"), failed(adapter.handle(event(record), lambda)));
            adapter.handle(event(), new FakeLambdaContext("req-2", null));
        });

        JsonNode failure = lines.stream().filter(l -> l.path("message").asText().startsWith("queue message failed"))
                .findFirst().orElseThrow();
        assertEquals("ERROR", failure.path("level").asText());
        assertEquals("req-1", failure.path("requestId").asText());
        assertTrue(failure.path("coldStart").asBoolean(), "the handler's first invocation is its cold start");
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", failure.path("traceId").asText());
        assertEquals("m-1", failure.path("correlationId").asText());
        assertEquals("evt_123", failure.path("eventId").asText());
        assertEquals("acme", failure.path("tenantId").asText());
        assertTrue(failure.path("error").asText().contains("the bucket said no"));
        assertTrue(failure.path("stackTrace").get(0).asText().startsWith("at "), failure.toString());
        assertTrue(failure.path("stackTrace").toString().contains(QueueAdapterTest.class.getName()),
                "the trace shows where it failed");
    }

    @Test
    void linesWrittenAfterAnInvocationCarryNothingOfIt() throws Exception {
        var adapter = new QueueAdapter(m -> dev.switchboard.shared.log.Log.of(QueueAdapterTest.class).info("handled"));
        List<JsonNode> lines = CapturedLogs.during(() -> {
            adapter.handle(event(record("m-1", "{}", null)), new FakeLambdaContext("req-1", null));
            adapter.handle(event(record("m-2", "{}", null)), new FakeLambdaContext("req-2", null));
            dev.switchboard.shared.log.Log.of(QueueAdapterTest.class).info("between invocations");
        });
        assertEquals(List.of("req-1", "req-2", ""), lines.stream().map(l -> l.path("requestId").asText()).toList());
        assertEquals(List.of(true, false, false), lines.stream().map(l -> l.path("coldStart").asBoolean()).toList(),
                "only the first invocation is cold");
        assertEquals(List.of("m-1", "m-2", ""), lines.stream().map(l -> l.path("correlationId").asText()).toList());
    }
}
