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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The template's SQS event source mappings, run against ElasticMQ as Lambda runs them: batches of
 * up to BatchSize messages; a batch that returns is deleted from the queue; a function error
 * returns the whole batch, and with ReportBatchItemFailures only the messages it names (an
 * identifier that names none of the batch returns all of it). A returned message is received
 * again later, counting towards the queue's maxReceiveCount, past which ElasticMQ moves it to the
 * queue's dead-letter queue, as SQS does.
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
    }

    /** A message the function returned to its queue, hidden until {@code visibleAt}. */
    private record Returned(Mapping mapping, String receiptHandle, long visibleAt) {
    }

    private final List<Mapping> mappings;
    private final LambdaFunctions functions;
    private final SqsClient sqs;
    private final Map<String, Returned> returned = new LinkedHashMap<>();
    private final Thread poller;
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
        this.poller = Thread.ofPlatform().daemon().name("queue-event-sources").unstarted(this::poll);
        if (poll && !mappings.isEmpty()) {
            poller.start();
        }
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /**
     * Brings back every returned message and delivers everything in the queues now. Each message
     * is tried once per drain, as one receive: a message that always fails reaches the dead-letter
     * queue after maxReceiveCount drains.
     */
    public synchronized void drain() {
        release(Long.MAX_VALUE);
        deliver();
    }

    /** Receives and invokes until the queues show nothing: a returned message stays hidden meanwhile. */
    private void deliver() {
        for (Mapping mapping : mappings) {
            List<Message> batch;
            while (running && !(batch = receive(mapping)).isEmpty()) {
                invoke(mapping, batch);
            }
        }
    }

    private void poll() {
        while (running) {
            try {
                synchronized (this) {
                    release(System.currentTimeMillis());
                    deliver();
                }
                // Woken at once by close(), which never interrupts a batch a function is handling.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                if (Thread.interrupted()) {
                    return;
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("queue poll failed", "reason", String.valueOf(e.getMessage()));
                }
            }
        }
    }

    /** Makes returned messages due by {@code now} visible again. */
    private void release(long now) {
        for (Iterator<Returned> it = returned.values().iterator(); it.hasNext(); ) {
            Returned r = it.next();
            if (r.visibleAt() > now) {
                continue;
            }
            try {
                sqs.changeMessageVisibility(b -> b.queueUrl(r.mapping().queueUrl()).receiptHandle(r.receiptHandle())
                        .visibilityTimeout(0));
            } catch (ReceiptHandleIsInvalidException e) {
                // Already back and received elsewhere, or deleted: nothing to bring back.
            }
            it.remove();
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
        EventSources.stop(poller);
    }
}
