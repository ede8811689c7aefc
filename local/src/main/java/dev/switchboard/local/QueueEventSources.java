package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The template's SQS event source mappings, run against ElasticMQ as Lambda runs them: batches of
 * up to BatchSize messages; a batch that returns is deleted from the queue; a function error
 * returns the whole batch, and with ReportBatchItemFailures only the messages it names (an
 * identifier that names none of the batch returns all of it). A returned message is received
 * again later, counting towards the queue's maxReceiveCount, past which ElasticMQ moves it to the
 * queue's dead-letter queue, as SQS does.
 *
 * <p>As in Lambda, each mapping polls on its own and has several batches in flight at once, up to
 * its ScalingConfig.MaximumConcurrency: a function slow with one batch holds up neither another
 * mapping nor the rest of its own queue. Each batch is invoked on its own virtual thread; its
 * messages stay hidden meanwhile, as they were received with a visibility timeout.
 *
 * <p>Where Lambda leaves a returned message invisible for the queue's whole VisibilityTimeout,
 * the local stack brings it back sooner (one second, doubling with each receive, at most thirty),
 * so a developer is not kept waiting; {@link #drain()} brings back everything at once and tries
 * each message once.
 */
public final class QueueEventSources implements AutoCloseable {
    private static final Log LOG = Log.of(QueueEventSources.class);
    private static final long POLL_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** How long a received message stays hidden unless brought back; beyond any local invocation. */
    private static final int IN_FLIGHT_SECONDS = 60;
    private static final int SQS_MAX_RECEIVE = 10;
    /**
     * Batches of one mapping in flight at once when the template sets no MaximumConcurrency: Lambda
     * starts an SQS mapping at five concurrent batches and scales up only under sustained load,
     * which a developer's machine never sees.
     */
    static final int DEFAULT_MAXIMUM_CONCURRENCY = 5;
    /** How long close() lets the functions finish the batches they are handling. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    /**
     * One mapping: a function fed by a queue.
     *
     * @param redrivePolicy the queue's RedrivePolicy as SQS states it, or null if it has none
     */
    public record Mapping(String function, Template.QueueSource source, String queueUrl, String queueArn,
                          String redrivePolicy) {
        /** "EventsDeadLetterQueue after 5 receives", or "none". */
        public String redrive() {
            if (redrivePolicy == null) {
                return "none";
            }
            JsonNode policy;
            try {
                policy = Json.MAPPER.readTree(redrivePolicy);
            } catch (java.io.IOException e) {
                return redrivePolicy;
            }
            String target = policy.path("deadLetterTargetArn").asText();
            return target.substring(target.lastIndexOf(':') + 1) + " after "
                    + policy.path("maxReceiveCount").asText() + " receives";
        }

        /** How many of its batches may be in flight at once. */
        public int maximumConcurrency() {
            return source.maximumConcurrency() > 0 ? source.maximumConcurrency() : DEFAULT_MAXIMUM_CONCURRENCY;
        }
    }

    /** A message the function returned to its queue, hidden until {@code visibleAt}. */
    private record Returned(Mapping mapping, String receiptHandle, long visibleAt) {
    }

    private final List<Mapping> mappings;
    private final List<Poller> pollers;
    private final LambdaFunctions functions;
    private final SqsClient sqs;
    /** By message id; written by the batches, read by the pollers and drain(). */
    private final Map<String, Returned> returned = new ConcurrentHashMap<>();
    /** Every batch being invoked, whoever started it: drain() and close() wait for them. */
    private final Set<Thread> batches = ConcurrentHashMap.newKeySet();
    /**
     * Held by drain() throughout; the pollers bring back returned messages only while nobody holds
     * it, so that a message drain() has tried stays hidden until it ends.
     */
    private final ReentrantReadWriteLock draining = new ReentrantReadWriteLock();
    private volatile boolean running = true;

    /** @param poll whether to poll in the background, as Lambda does, or only on {@link #drain()} */
    QueueEventSources(Template template, LambdaFunctions functions, SqsClient sqs, Map<String, String> queueUrls,
                      boolean poll) {
        List<Mapping> found = new ArrayList<>();
        for (Template.Function f : template.functions()) {
            for (Template.QueueSource source : f.queues()) {
                String url = queueUrls.get(source.queue());
                if (url == null) {
                    throw new IllegalStateException(f.logicalId() + " reads queue " + source.queue()
                            + ", which is not a queue of the template");
                }
                var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                        QueueAttributeName.QUEUE_ARN, QueueAttributeName.REDRIVE_POLICY)).attributes();
                found.add(new Mapping(f.logicalId(), source, url, attributes.get(QueueAttributeName.QUEUE_ARN),
                        attributes.get(QueueAttributeName.REDRIVE_POLICY)));
            }
        }
        this.mappings = List.copyOf(found);
        this.functions = functions;
        this.sqs = sqs;
        this.pollers = mappings.stream().map(Poller::new).toList();
        if (poll) {
            pollers.forEach(p -> p.thread.start());
        }
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /**
     * Brings back every returned message and delivers everything in the queues now, each mapping
     * on its own and with its batches concurrent, and returns once every batch it started, and any
     * the background pollers had in flight, has finished. Each message is tried once per drain, as
     * one receive: a message that always fails reaches the dead-letter queue after
     * maxReceiveCount drains.
     */
    public synchronized void drain() {
        draining.writeLock().lock();
        try {
            // What the pollers are handling now may come back: bring it back with the rest.
            awaitBatches();
            List<Future<?>> deliveries = new ArrayList<>();
            try (ExecutorService perMapping = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Poller p : pollers) {
                    deliveries.add(perMapping.submit(() -> {
                        release(p.mapping, Long.MAX_VALUE);
                        p.deliver();
                    }));
                }
            }
            awaitBatches();
            for (Future<?> delivery : deliveries) {
                try {
                    delivery.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            draining.writeLock().unlock();
        }
    }

    /** Waits for the batches in flight now; those started meanwhile are not waited for. */
    private void awaitBatches() {
        try {
            for (Thread batch : List.copyOf(batches)) {
                batch.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One mapping as it runs: its own poller, and a slot for each batch it may have in flight. */
    private final class Poller implements Runnable {
        final Mapping mapping;
        final Semaphore slots;
        final Thread thread;

        Poller(Mapping mapping) {
            this.mapping = mapping;
            this.slots = new Semaphore(mapping.maximumConcurrency());
            this.thread = Thread.ofVirtual().name(mapping.source().queue() + "-queue-event-sources")
                    .unstarted(this);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    if (draining.readLock().tryLock()) {
                        try {
                            release(mapping, System.currentTimeMillis());
                        } finally {
                            draining.readLock().unlock();
                        }
                    }
                    // Fills the free slots; a full mapping is woken as soon as one of its batches ends.
                    while (running && slots.tryAcquire()) {
                        if (!start(receiveHoldingSlot())) {
                            break;
                        }
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.warn("queue poll failed", "queue", mapping.source().queue(),
                                "reason", String.valueOf(e.getMessage()));
                    }
                }
                // Woken at once by close(), which never interrupts a batch a function is handling.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                if (Thread.interrupted()) {
                    return;
                }
            }
        }

        /** Receives and starts batches until the queue shows nothing: a returned message stays hidden meanwhile. */
        void deliver() {
            while (running) {
                slots.acquireUninterruptibly();
                if (!start(receiveHoldingSlot())) {
                    return;
                }
            }
        }

        /** Receives a batch for a slot already taken, giving the slot back if there is nothing to invoke. */
        private List<Message> receiveHoldingSlot() {
            List<Message> batch = List.of();
            try {
                batch = receive(mapping);
            } finally {
                if (batch.isEmpty()) {
                    slots.release();
                }
            }
            return batch;
        }

        /** Invokes a batch on its own thread, which gives back its slot; false if there is none. */
        private boolean start(List<Message> batch) {
            if (batch.isEmpty()) {
                return false;
            }
            Thread invocation = Thread.ofVirtual().name(mapping.function() + "-queue-event-sources").unstarted(() -> {
                try {
                    invoke(mapping, batch);
                } catch (RuntimeException e) {
                    LOG.warn("queue batch not settled", "function", mapping.function(), "messages", batch.size(),
                            "reason", String.valueOf(e.getMessage()));
                } finally {
                    batches.remove(Thread.currentThread());
                    slots.release();
                    LockSupport.unpark(thread);
                }
            });
            batches.add(invocation);
            invocation.start();
            return true;
        }
    }

    /** Makes the mapping's returned messages due by {@code now} visible again. */
    private void release(Mapping mapping, long now) {
        for (var entry : returned.entrySet()) {
            Returned r = entry.getValue();
            if (!r.mapping().equals(mapping) || r.visibleAt() > now) {
                continue;
            }
            try {
                sqs.changeMessageVisibility(b -> b.queueUrl(r.mapping().queueUrl()).receiptHandle(r.receiptHandle())
                        .visibilityTimeout(0));
            } catch (ReceiptHandleIsInvalidException e) {
                // Already back and received elsewhere, or deleted: nothing to bring back.
            }
            returned.remove(entry.getKey(), r);
        }
    }

    private List<Message> receive(Mapping mapping) {
        List<Message> batch = new ArrayList<>();
        while (batch.size() < mapping.source().batchSize()) {
            int want = Math.min(SQS_MAX_RECEIVE, mapping.source().batchSize() - batch.size());
            List<Message> page = sqs.receiveMessage(b -> b.queueUrl(mapping.queueUrl()).maxNumberOfMessages(want)
                    .visibilityTimeout(IN_FLIGHT_SECONDS).waitTimeSeconds(0)
                    .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
            batch.addAll(page);
            if (page.size() < want) {
                break;
            }
        }
        return batch;
    }

    private void invoke(Mapping mapping, List<Message> batch) {
        Set<String> failed = new HashSet<>();
        try {
            Object response = functions.invokeRaw(mapping.function(), event(mapping, batch));
            if (mapping.source().reportBatchItemFailures()) {
                failed.addAll(failures(batch, response));
            }
        } catch (RuntimeException e) {
            LOG.warn("queue batch failed", "function", mapping.function(), "messages", batch.size(),
                    "reason", String.valueOf(e.getMessage()));
            batch.forEach(m -> failed.add(m.messageId()));
        }
        List<Message> done = new ArrayList<>();
        for (Message m : batch) {
            if (failed.contains(m.messageId())) {
                int receives = Integer.parseInt(m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1"));
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(receives - 1, 10));
                returned.put(m.messageId(), new Returned(mapping, m.receiptHandle(),
                        System.currentTimeMillis() + backoff));
            } else {
                done.add(m);
            }
        }
        for (int from = 0; from < done.size(); from += SQS_MAX_RECEIVE) {
            List<Message> chunk = done.subList(from, Math.min(done.size(), from + SQS_MAX_RECEIVE));
            sqs.deleteMessageBatch(b -> b.queueUrl(mapping.queueUrl()).entries(chunk.stream()
                    .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                            .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        }
    }

    /** The message ids the function reported failed; all of them if it named one not in the batch. */
    private static Set<String> failures(List<Message> batch, Object response) {
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        if (response instanceof SQSBatchResponse r && r.getBatchItemFailures() != null) {
            for (var failure : r.getBatchItemFailures()) {
                String id = failure == null ? null : failure.getItemIdentifier();
                if (id == null || !ids.contains(id)) {
                    return ids;
                }
                failed.add(id);
            }
        }
        return failed;
    }

    private static SQSEvent event(Mapping mapping, List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : batch) {
            var record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            Map<String, String> attributes = new LinkedHashMap<>();
            m.attributes().forEach((name, value) -> {
                if (name != MessageSystemAttributeName.UNKNOWN_TO_SDK_VERSION) {
                    attributes.put(name.toString(), value);
                }
            });
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((name, value) -> {
                var attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                messageAttributes.put(name, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(mapping.queueArn());
            record.setAwsRegion(Emulators.REGION);
            records.add(record);
        }
        var event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Override
    public void close() {
        running = false;
        // All woken first, so that none waits out its poll interval while another is joined.
        pollers.forEach(p -> LockSupport.unpark(p.thread));
        pollers.forEach(p -> EventSources.stop(p.thread));
        // Lambda lets an invocation run to its end: wait for the batches, within reason.
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        try {
            for (Thread batch : List.copyOf(batches)) {
                batch.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!batches.isEmpty()) {
            LOG.warn("queue batches still running at close", "batches", batches.size());
        }
    }
}
