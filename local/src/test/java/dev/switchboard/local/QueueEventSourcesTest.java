package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack's SQS event source mappings against ElasticMQ, with workers on the shared
 * queue adapter: one failing message never holds up its batch, and a message that always fails
 * reaches its dead-letter queue after the queue's maxReceiveCount, body intact. A function that
 * holds on to a batch holds up neither the rest of its queue nor another queue.
 */
class QueueEventSourcesTest {
    private static SqsClient sqs;
    private static Map<String, String> queues;
    private static QueueEventSources sources;

    @BeforeAll
    static void start() throws Exception {
        Template template;
        try (InputStream in = QueueEventSourcesTest.class.getResourceAsStream("/queue-workers-template.yaml")) {
            template = Template.parse(in);
        }
        Emulators emulators = TestStack.get().emulators();
        sqs = LocalStack.sqs(emulators);
        try (var dynamo = LocalStack.dynamo(emulators); var s3 = LocalStack.s3(emulators)) {
            queues = Provisioner.provision(template, dynamo, sqs, s3);
        }
        // Polled only on drain(): the test decides when each receive happens.
        sources = new QueueEventSources(template, new LambdaFunctions(template), sqs, queues, false);
    }

    @Test
    void theMappingsAreReadFromTheTemplate() {
        assertEquals(List.of("TallyWorkerFunction reads TallyQueue, batch 4, partial, TallyDeadLetterQueue after 3 receives",
                        "WholeBatchWorkerFunction reads WholeBatchQueue, batch 10, whole, WholeBatchDeadLetterQueue after 2 receives"),
                sources.mappings().stream().map(m -> m.function() + " reads " + m.source().queue() + ", batch "
                        + m.source().batchSize() + ", " + (m.source().reportBatchItemFailures() ? "partial" : "whole")
                        + ", " + m.redrive()).toList());
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueWithoutHoldingUpItsBatch() {
        List<String> good = List.of("order-1", "order-2", "order-3", "order-4", "order-5");
        for (String body : good.subList(0, 2)) {
            send("TallyQueue", body);
        }
        send("TallyQueue", "poison-1");
        for (String body : good.subList(2, 5)) {
            send("TallyQueue", body);
        }

        sources.drain();
        good.forEach(body -> assertEquals(1, TallyWorker.HANDLED.get(body), body + " handled once and deleted"));
        assertEquals(1, TallyWorker.HANDLED.get("poison-1"));
        assertTrue(TallyWorker.LARGEST_BATCH.get() <= 4, "batches of at most BatchSize: " + TallyWorker.LARGEST_BATCH);
        assertEquals(Map.of("visible", 0, "inFlight", 1), depth("TallyQueue"), "only the poison message is left");
        assertEquals(List.of(), peek("TallyDeadLetterQueue"));

        sources.drain();
        sources.drain();
        assertEquals(3, TallyWorker.HANDLED.get("poison-1"), "tried once per receive, up to maxReceiveCount");
        assertEquals(List.of(), peek("TallyDeadLetterQueue"), "not dead before maxReceiveCount receives");

        sources.drain();
        assertEquals(3, TallyWorker.HANDLED.get("poison-1"), "not handed out again past maxReceiveCount");
        assertEquals(List.of("poison-1"), peek("TallyDeadLetterQueue"));
        assertEquals(Map.of("visible", 0, "inFlight", 0), depth("TallyQueue"));
        good.forEach(body -> assertEquals(1, TallyWorker.HANDLED.get(body), body + " never redelivered"));
    }

    @Test
    void withoutPartialBatchFailuresAFunctionErrorReturnsTheWholeBatch() {
        send("WholeBatchQueue", "fine-1");
        send("WholeBatchQueue", "poison-2");

        sources.drain();
        sources.drain();
        assertEquals(2, WholeBatchWorker.HANDLED.get("fine-1"), "its batch failed, so it came back");
        sources.drain();
        assertEquals(2, WholeBatchWorker.HANDLED.get("fine-1"));
        assertEquals(List.of("fine-1", "poison-2"), peek("WholeBatchDeadLetterQueue").stream().sorted().toList());
    }

    @Test
    void aBatchHeldByItsFunctionHoldsUpNeitherItsQueueNorAnother() throws Exception {
        Template template = Template.parse(new ByteArrayInputStream(HELD_TEMPLATE.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> urls;
        Emulators emulators = TestStack.get().emulators();
        try (var dynamo = LocalStack.dynamo(emulators); var s3 = LocalStack.s3(emulators)) {
            urls = Provisioner.provision(template, dynamo, sqs, s3);
        }
        // Polled in the background, as the local stack runs: no drain() to wait on a held batch.
        var polling = new QueueEventSources(template, new LambdaFunctions(template), sqs, urls, true);
        try {
            assertEquals(List.of("HeldWorkerFunction 2", "NeighbourWorkerFunction "
                            + QueueEventSources.DEFAULT_MAXIMUM_CONCURRENCY),
                    polling.mappings().stream().map(m -> m.function() + " " + m.maximumConcurrency()).toList(),
                    "ScalingConfig.MaximumConcurrency, else the default");
            sqs.sendMessage(b -> b.queueUrl(urls.get("HeldQueue")).messageBody("hold"));
            assertTrue(HoldingWorker.HOLDING.await(10, TimeUnit.SECONDS), "the first batch reached its function");

            sqs.sendMessage(b -> b.queueUrl(urls.get("HeldQueue")).messageBody("same-queue"));
            sqs.sendMessage(b -> b.queueUrl(urls.get("NeighbourQueue")).messageBody("other-queue"));
            assertTrue(HoldingWorker.OTHERS.await(10, TimeUnit.SECONDS),
                    "handled while the first batch is held: " + HoldingWorker.HANDLED);
            assertEquals(Set.of("hold", "same-queue", "other-queue"), HoldingWorker.HANDLED);
        } finally {
            HoldingWorker.RELEASE.countDown();
            polling.close();
        }
        // close() let the held batch finish, and it was deleted as any batch that returns.
        assertEquals(Set.of("hold"), HoldingWorker.FINISHED);
        for (String queue : List.of("HeldQueue", "NeighbourQueue")) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(urls.get(queue)).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            assertEquals("0", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), queue);
            assertEquals("0", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE), queue);
        }
    }

    /** Two mappings of one worker: a batch of one message each, the first limited to two at once. */
    private static final String HELD_TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              HeldWorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.switchboard.local.QueueEventSourcesTest$HoldingWorker::handleRequest
                  Events:
                    Work:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt HeldQueue.Arn
                        BatchSize: 1
                        ScalingConfig:
                          MaximumConcurrency: 2
              NeighbourWorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.switchboard.local.QueueEventSourcesTest$HoldingWorker::handleRequest
                  Events:
                    Work:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt NeighbourQueue.Arn
                        BatchSize: 1
              HeldQueue:
                Type: AWS::SQS::Queue
              NeighbourQueue:
                Type: AWS::SQS::Queue
            """;

    /** Holds the batch whose body is "hold" until the test releases it; handles any other at once. */
    public static final class HoldingWorker implements RequestHandler<SQSEvent, Void> {
        static final Set<String> HANDLED = ConcurrentHashMap.newKeySet();
        static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();
        static final CountDownLatch HOLDING = new CountDownLatch(1);
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static final CountDownLatch OTHERS = new CountDownLatch(2);

        @Override
        public Void handleRequest(SQSEvent event, Context context) {
            for (var record : event.getRecords()) {
                HANDLED.add(record.getBody());
                if (record.getBody().equals("hold")) {
                    HOLDING.countDown();
                    try {
                        RELEASE.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while holding its batch", e);
                    }
                    FINISHED.add(record.getBody());
                } else {
                    OTHERS.countDown();
                }
            }
            return null;
        }
    }

    private static void send(String queue, String body) {
        sqs.sendMessage(b -> b.queueUrl(queues.get(queue)).messageBody(body));
    }

    private static Map<String, Integer> depth(String queue) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queues.get(queue)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Map.of("visible", Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                "inFlight", Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
    }

    /** The bodies in a queue, left there (visibility 0). */
    private static List<String> peek(String queue) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queues.get(queue)).maxNumberOfMessages(10)
                .visibilityTimeout(0)).messages();
        return messages.stream().map(Message::body).toList();
    }
}
