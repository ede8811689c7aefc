package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.store.Item;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The faults the event backbone must survive, against the local stack: DynamoDB Local's stream,
 * the publisher as its event source mapping runs it, and ElasticMQ.
 */
class EventBackboneTest {

    private static Map<String, String> answered(String callSid) {
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "in-progress");
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", "1");
        params.put("Timestamp", "Sat, 21 Nov 2026 06:10:01 +0000");
        return params;
    }

    @Test
    void eventsWrittenWhileTheQueueIsGoneAllArriveOnceItIsBack() {
        var platform = TestStack.repositories();
        var sqs = platform.sqs();
        String queueUrl = platform.settings().eventsQueueUrl();
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                QueueAttributeName.REDRIVE_POLICY)).attributes();
        String callSid = Demo.newCallSid();
        EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid);   // what came before is consumed
        sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        try {
            assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                    SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
            assertEquals(200, SignedWebhooks.post("/twilio/voice/status", answered(callSid), Demo.ACME_TOKEN).status(),
                    "the webhook does not depend on the queue");
            // The publisher tries, and fails, while the queue is gone.
            TestStack.get().eventSources().drain();
        } finally {
            String recreated = sqs.createQueue(b -> b.queueName("EventsQueue").attributes(attributes)).queueUrl();
            assertEquals(queueUrl, recreated);
        }
        // Twilio retries the same callback: nothing new is written, and nothing was lost.
        assertEquals(200, SignedWebhooks.post("/twilio/voice/status", answered(callSid), Demo.ACME_TOKEN).status());
        assertEquals(200, SignedWebhooks.post("/twilio/voice/status", answered(callSid), Demo.ACME_TOKEN).status());

        assertEquals(1, EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).size());
        var changes = EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid);
        assertEquals(1, changes.size(), changes.toString());
        assertEquals("in-progress", changes.getFirst().path("payload").path("status").asText());
    }

    @Test
    void twentyConcurrentCopiesOfOneDeliveryWithDifferentIdempotencyTokensMakeOneRecordAndOneEvent() throws Exception {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        String signature = TwilioSigner.sign(Demo.ACME_TOKEN, TestStack.PUBLIC_URL + "/twilio/voice/inbound", params);
        List<Callable<SignedWebhooks.Response>> copies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // The token is not signed: an attacker replaying the delivery can set any.
            copies.add(() -> SignedWebhooks.send("/twilio/voice/inbound", TwilioSigner.form(params), Map.of(
                    "X-Twilio-Signature", signature, "I-Twilio-Idempotency-Token", UUID.randomUUID().toString())));
        }
        Set<String> answers = new HashSet<>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (var future : pool.invokeAll(copies)) {
                assertEquals(200, future.get().status(), future.get().body());
                answers.add(future.get().body());
            }
        }
        assertEquals(1, answers.size(), "every copy gets the same TwiML");
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, callSid).isPresent());
        assertEquals(1, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size(), "one event-log entry");
        assertEquals(1, EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).size(), "one call.started");
    }

    @Test
    void aRecordThatAlwaysFailsEndsInTheOnFailureQueueAndTheRestAreDeliveredOnce() throws Exception {
        var platform = TestStack.repositories();
        String good1 = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String poison = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String good2 = "evt_" + UUID.randomUUID().toString().replace("-", "");
        // One write, so that the three records reach the publisher in one batch. The middle item
        // has no body: nothing can make it publishable (a hand-edited item, say).
        platform.dynamo().transactWriteItems(b -> b.transactItems(outboxItem(good1, true), outboxItem(poison, false),
                outboxItem(good2, true)));
        String failures = failuresQueueUrl();
        // Each drain is one of Lambda's tries: the first and the template's ten retries.
        for (int attempt = 0; attempt < 11; attempt++) {
            TestStack.get().eventSources().drain();
        }

        List<JsonNode> delivered = EventsQueue.all();
        assertEquals(1, delivered.stream().filter(e -> e.path("id").asText().equals(good1)).count(),
                "the record before the failing one is not sent again");
        assertEquals(1, delivered.stream().filter(e -> e.path("id").asText().equals(good2)).count(),
                "the record after it is delivered");
        assertEquals(0, delivered.stream().filter(e -> e.path("id").asText().equals(poison)).count());

        var messages = platform.sqs().receiveMessage(b -> b.queueUrl(failures).maxNumberOfMessages(10)).messages();
        assertEquals(1, messages.size(), "one record given up");
        JsonNode record = Json.MAPPER.readTree(messages.getFirst().body());
        assertEquals("RetryAttemptsExhausted", record.path("requestContext").path("condition").asText());
        assertEquals(11, record.path("requestContext").path("approximateInvokeCount").asInt(),
                "the first try and the template's ten retries");
        JsonNode batch = record.path("DDBStreamBatchInfo");
        assertEquals(1, batch.path("batchSize").asInt());
        // The sequence number names the poison record in the stream, as an operator would look it up.
        var streams = LocalStack.streams(TestStack.get().emulators());
        String iterator = streams.getShardIterator(b -> b.streamArn(batch.path("streamArn").asText())
                .shardId(batch.path("shardId").asText()).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(batch.path("startSequenceNumber").asText())).shardIterator();
        var named = streams.getRecords(b -> b.shardIterator(iterator).limit(1)).records().getFirst();
        assertEquals(poison, named.dynamodb().keys().get("eventId").s());
        platform.sqs().deleteMessage(b -> b.queueUrl(failures).receiptHandle(messages.getFirst().receiptHandle()));
    }

    private static String failuresQueueUrl() {
        return TestStack.repositories().sqs().getQueueUrl(b -> b.queueName("EventsPublisherFailuresQueue")).queueUrl();
    }

    private static TransactWriteItem outboxItem(String eventId, boolean publishable) {
        String body = Json.write(Map.of("id", eventId, "type", "test.outbox", "tenantId", Demo.GLOBEX,
                "occurredAt", "2026-11-21T06:10:42Z", "payload", Map.of()));
        var item = Item.create().put("eventId", eventId).put("tenantId", Demo.GLOBEX).put("type", "test.outbox")
                .put("position", "2026-11-21T06:10:42Z#" + eventId);
        if (publishable) {
            item.put("body", body);
        }
        return TransactWriteItem.builder().put(Put.builder().tableName("EventsTable").item(item.build()).build()).build();
    }
}
