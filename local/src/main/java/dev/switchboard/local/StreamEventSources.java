package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The template's DynamoDB Streams event source mappings, run against DynamoDB Local as Lambda
 * runs them: batches of up to BatchSize records in stream order per shard; a function error
 * retries the batch (split in two first, without using a retry, with BisectBatchOnFunctionError);
 * a reported batch item failure retries from that record, the ones before it done; after
 * MaximumRetryAttempts the record is skipped and Lambda's on-failure record (shard, sequence
 * numbers, condition) goes to the OnFailure queue. A background poller runs four times a second,
 * as Lambda polls, backing off after failures; {@link #drain()} runs everything due now.
 */
public final class StreamEventSources implements AutoCloseable {
    private static final Log LOG = Log.of(StreamEventSources.class);
    private static final long POLL_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** One mapping: a function fed by a table's stream. */
    public record Mapping(String function, Template.StreamSource source, String streamArn) {
    }

    private static final class Shard {
        final String id;
        String iterator;
        String lastSequence;
        final List<Record> pending = new ArrayList<>();
        int attempts;
        int limit;
        long notBefore;

        Shard(String id, String iterator, int limit) {
            this.id = id;
            this.iterator = iterator;
            this.limit = limit;
        }
    }

    private final List<Mapping> mappings;
    private final Map<Mapping, Map<String, Shard>> shards = new LinkedHashMap<>();
    private final LambdaFunctions functions;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private final Thread poller;
    private volatile boolean running = true;

    StreamEventSources(Template template, LambdaFunctions functions, DynamoDbClient dynamo,
                       DynamoDbStreamsClient streams, SqsClient sqs, Map<String, String> queueUrls) {
        List<Mapping> found = new ArrayList<>();
        for (Template.Function f : template.functions()) {
            for (Template.StreamSource source : f.streams()) {
                String arn = dynamo.describeTable(b -> b.tableName(source.table())).table().latestStreamArn();
                if (arn == null) {
                    throw new IllegalStateException(f.logicalId() + " reads the stream of " + source.table()
                            + ", which has no StreamSpecification");
                }
                found.add(new Mapping(f.logicalId(), source, arn));
            }
        }
        this.mappings = List.copyOf(found);
        this.functions = functions;
        this.streams = streams;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.poller = Thread.ofPlatform().daemon().name("stream-event-sources").unstarted(this::poll);
        if (!mappings.isEmpty()) {
            poller.start();
        }
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /**
     * Delivers every record in the streams now, without waiting out any back-off. A batch that
     * fails is tried once per drain, as one of Lambda's retries: an outage does not use up the
     * retries of one call, and a record that always fails is given up after as many drains.
     */
    public synchronized void drain() {
        pump(true);
    }

    private void poll() {
        while (running) {
            try {
                synchronized (this) {
                    pump(false);
                }
                // Woken at once by close(), which never interrupts a batch a function is handling.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                if (Thread.interrupted()) {
                    return;
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("stream poll failed", "reason", String.valueOf(e.getMessage()));
                }
            }
        }
    }

    private void pump(boolean now) {
        for (Mapping mapping : mappings) {
            for (Shard shard : shards(mapping)) {
                while (running && (now || System.currentTimeMillis() >= shard.notBefore)) {
                    fill(mapping, shard);
                    if (shard.pending.isEmpty()) {
                        break;
                    }
                    int before = shard.limit;
                    if (!invoke(mapping, shard) && shard.limit == before) {
                        break;   // a failure waits for the next poll or drain; a split is retried at once
                    }
                }
            }
        }
    }

    private List<Shard> shards(Mapping mapping) {
        Map<String, Shard> known = shards.computeIfAbsent(mapping, m -> new LinkedHashMap<>());
        Set<String> seen = new HashSet<>();
        for (var shard : streams.describeStream(b -> b.streamArn(mapping.streamArn())).streamDescription().shards()) {
            seen.add(shard.shardId());
            known.computeIfAbsent(shard.shardId(), id -> new Shard(id, streams.getShardIterator(b -> b
                    .streamArn(mapping.streamArn()).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator(), mapping.source().batchSize()));
        }
        known.values().removeIf(s -> !seen.contains(s.id) && s.iterator == null && s.pending.isEmpty());
        return List.copyOf(known.values());
    }

    private void fill(Mapping mapping, Shard shard) {
        while (shard.pending.size() < mapping.source().batchSize() && shard.iterator != null) {
            GetRecordsResponse page;
            try {
                page = streams.getRecords(b -> b.shardIterator(shard.iterator));
            } catch (TrimmedDataAccessException | ExpiredIteratorException e) {
                // DynamoDB Local invalidates iterators as Lambda's poller sees them expire: carry on
                // from the last record read, as Lambda does from its checkpoint.
                shard.iterator = streams.getShardIterator(b -> {
                    b.streamArn(mapping.streamArn()).shardId(shard.id);
                    if (shard.lastSequence == null) {
                        b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                    } else {
                        b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.lastSequence);
                    }
                }).shardIterator();
                page = streams.getRecords(b -> b.shardIterator(shard.iterator));
            }
            shard.iterator = page.nextShardIterator();
            shard.pending.addAll(page.records());
            if (page.records().isEmpty()) {
                return;
            }
            shard.lastSequence = page.records().getLast().dynamodb().sequenceNumber();
        }
    }

    /** @return whether the batch went through */
    private boolean invoke(Mapping mapping, Shard shard) {
        var source = mapping.source();
        List<Record> batch = List.copyOf(shard.pending.subList(0, Math.min(shard.limit, shard.pending.size())));
        int done;
        try {
            Object response = functions.invokeRaw(mapping.function(), StreamEvents.of(mapping.streamArn(), batch));
            done = source.reportBatchItemFailures() ? succeeded(batch, response) : batch.size();
        } catch (RuntimeException e) {
            LOG.warn("stream batch failed", "function", mapping.function(), "records", batch.size(),
                    "reason", String.valueOf(e.getMessage()));
            if (source.bisectBatchOnFunctionError() && batch.size() > 1) {
                shard.limit = Math.max(1, batch.size() / 2);   // a split uses no retry
                return false;
            }
            done = 0;
        }
        shard.pending.subList(0, done).clear();
        if (done == batch.size()) {
            shard.attempts = 0;
            shard.limit = source.batchSize();
            shard.notBefore = 0;
            return true;
        }
        if (done > 0) {
            shard.attempts = 0;
        }
        shard.attempts++;
        if (source.maximumRetryAttempts() >= 0 && shard.attempts > source.maximumRetryAttempts()) {
            Record failed = shard.pending.removeFirst();
            giveUp(mapping, shard, failed);
            shard.attempts = 0;
            shard.limit = source.batchSize();
            shard.notBefore = 0;
            return true;
        }
        shard.notBefore = System.currentTimeMillis()
                + Math.min(MAX_BACKOFF_MILLIS, POLL_MILLIS << Math.min(shard.attempts, 10));
        return false;
    }

    /** How many records from the start of the batch succeeded, read from the function's batch item failures. */
    private static int succeeded(List<Record> batch, Object response) {
        if (!(response instanceof StreamsEventResponse r) || r.getBatchItemFailures() == null
                || r.getBatchItemFailures().isEmpty()) {
            return batch.size();
        }
        int first = batch.size();
        for (var failure : r.getBatchItemFailures()) {
            int at = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(failure.getItemIdentifier())) {
                    at = i;
                }
            }
            // An identifier that names no record of the batch fails the whole batch, as in Lambda.
            first = Math.min(first, at < 0 ? 0 : at);
        }
        return first;
    }

    private void giveUp(Mapping mapping, Shard shard, Record failed) {
        LOG.error("stream record given up after retries", null, "function", mapping.function(),
                "sequenceNumber", failed.dynamodb().sequenceNumber());
        String queue = mapping.source().onFailureQueue();
        if (queue == null) {
            return;
        }
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("requestId", UUID.randomUUID().toString());
        requestContext.put("functionArn", "arn:aws:lambda:" + Emulators.REGION + ":" + Emulators.ACCOUNT_ID
                + ":function:" + mapping.function());
        requestContext.put("condition", "RetryAttemptsExhausted");
        requestContext.put("approximateInvokeCount", mapping.source().maximumRetryAttempts() + 1);
        Map<String, Object> batchInfo = new LinkedHashMap<>();
        batchInfo.put("shardId", shard.id);
        batchInfo.put("startSequenceNumber", failed.dynamodb().sequenceNumber());
        batchInfo.put("endSequenceNumber", failed.dynamodb().sequenceNumber());
        batchInfo.put("approximateArrivalOfFirstRecord", String.valueOf(failed.dynamodb().approximateCreationDateTime()));
        batchInfo.put("approximateArrivalOfLastRecord", String.valueOf(failed.dynamodb().approximateCreationDateTime()));
        batchInfo.put("batchSize", 1);
        batchInfo.put("streamArn", mapping.streamArn());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("requestContext", requestContext);
        record.put("responseContext", Map.of("statusCode", 200, "executedVersion", "$LATEST"));
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        record.put("DDBStreamBatchInfo", batchInfo);
        sqs.sendMessage(b -> b.queueUrl(queueUrls.get(queue)).messageBody(Json.write(record)));
    }

    @Override
    public void close() {
        running = false;
        EventSources.stop(poller);
    }
}
