package dev.switchboard.local.bench.load;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the write units every DynamoDB write costs, per partition key of each table and each of
 * its global secondary indexes ({@link WriteCost}), as an interceptor on the clients that make
 * the writes (the functions', through {@code LocalStack.Options.withObservers}).
 *
 * <p>A write's cost depends on the item before and after it, which the request alone does not
 * give (an UpdateItem names a key and an expression). The item before is the one the last counted
 * write left ({@link Images}, seeded with a scan of every table); the item after is the one a put
 * or delete leaves, and after an UpdateItem it is read, strongly consistent, with a client of its
 * own that is not observed. Nothing a function sends or receives is changed. Two writes of one
 * item at the same moment can each be costed against the item as it was before both; the totals
 * per key stay right as long as concurrent writers of one item write items of similar size, as
 * they do here. The reads slow the writers down, which is why this observes a load run and
 * nothing else.
 */
public final class WriteUnits implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<Seen>> SEEN = new ExecutionAttribute<>("WriteUnits.seen");

    /** What was counted on one key: write units, and item writes (each write charged there once). */
    public record Written(long units, long writes) {
    }

    private record Seen(ItemWrite write, Map<String, AttributeValue> before) {
    }

    private record Tally(LongAdder units, LongAdder writes) {
        Tally() {
            this(new LongAdder(), new LongAdder());
        }
    }

    private final Map<PartitionKey, Tally> tallies = new ConcurrentHashMap<>();
    private final Map<String, TableKeys> schemas = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    private volatile DynamoDbClient reader;
    private volatile Images images;

    /**
     * Starts counting, reading items and key schemas with {@code reader}, a client of the same
     * DynamoDB that this does not observe. Writes made before are not counted.
     */
    public void attach(DynamoDbClient reader) {
        this.images = new Images(reader);
        this.reader = reader;
    }

    /** Every item there is, read with nothing writing: from now on, no item is read before a write. */
    void remember(Tables tables) {
        images.remember(tables);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (reader == null) {
            return;
        }
        List<ItemWrite> writes = writes(context.request());
        if (!writes.isEmpty()) {
            attributes.putAttribute(SEEN, writes.stream().map(w -> new Seen(w, images.get(w.table(), w.key())))
                    .toList());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        List<Seen> seen = attributes.getAttribute(SEEN);
        if (seen == null) {
            return;
        }
        Set<ItemWrite> unprocessed = context.response() instanceof BatchWriteItemResponse batch
                ? new HashSet<>(batchWrites(batch.unprocessedItems())) : Set.of();
        for (Seen s : seen) {
            if (unprocessed.contains(s.write())) {
                continue;
            }
            var after = switch (s.write().kind()) {
                case PUT -> s.write().put();
                case DELETE -> null;
                case CHECK -> s.before();
                case UPDATE -> images.read(s.write().table(), s.write().key());
            };
            images.put(s.write().table(), s.write().key(), after);
            count(s, after, true);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        List<Seen> seen = attributes.getAttribute(SEEN);
        if (seen == null) {
            return;
        }
        if (refused(context.exception())) {
            seen.forEach(s -> count(s, null, false));
        } else {
            // Whether it was written is not known (no answer, say): what stands now is read.
            seen.forEach(s -> images.read(s.write().table(), s.write().key()));
        }
    }

    /** DynamoDB consumed capacity and wrote nothing: a condition not met, or a transaction canceled. */
    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConditionalCheckFailedException || t instanceof TransactionCanceledException) {
                return true;
            }
        }
        return false;
    }

    private void count(Seen seen, Map<String, AttributeValue> after, boolean committed) {
        attempts.increment();
        for (WriteCost.Charge charge : WriteCost.of(schema(seen.write().table()), seen.write(), seen.before(), after,
                committed)) {
            Tally tally = tallies.computeIfAbsent(charge.key(), k -> new Tally());
            tally.units().add(charge.units());
            tally.writes().increment();
        }
    }

    /** The item writes a request makes: none unless it is a DynamoDB write. */
    private List<ItemWrite> writes(SdkRequest request) {
        return switch (request) {
            case PutItemRequest put -> List.of(put(put.tableName(), put.item(), false));
            case UpdateItemRequest update -> List.of(new ItemWrite(update.tableName(), update.key(),
                    ItemWrite.Kind.UPDATE, null, false));
            case DeleteItemRequest delete -> List.of(new ItemWrite(delete.tableName(), delete.key(),
                    ItemWrite.Kind.DELETE, null, false));
            case BatchWriteItemRequest batch -> batchWrites(batch.requestItems());
            case TransactWriteItemsRequest transaction -> transaction.transactItems().stream()
                    .map(this::transactional).toList();
            default -> List.of();
        };
    }

    private ItemWrite put(String table, Map<String, AttributeValue> item, boolean transactional) {
        return new ItemWrite(table, schema(table).keyOf(item), ItemWrite.Kind.PUT, item, transactional);
    }

    private List<ItemWrite> batchWrites(Map<String, List<WriteRequest>> requests) {
        List<ItemWrite> writes = new ArrayList<>();
        requests.forEach((table, list) -> list.forEach(r -> writes.add(r.putRequest() != null
                ? put(table, r.putRequest().item(), false)
                : new ItemWrite(table, r.deleteRequest().key(), ItemWrite.Kind.DELETE, null, false))));
        return writes;
    }

    private ItemWrite transactional(TransactWriteItem item) {
        if (item.put() != null) {
            return put(item.put().tableName(), item.put().item(), true);
        }
        if (item.update() != null) {
            return new ItemWrite(item.update().tableName(), item.update().key(), ItemWrite.Kind.UPDATE, null, true);
        }
        if (item.delete() != null) {
            return new ItemWrite(item.delete().tableName(), item.delete().key(), ItemWrite.Kind.DELETE, null, true);
        }
        return new ItemWrite(item.conditionCheck().tableName(), item.conditionCheck().key(), ItemWrite.Kind.CHECK,
                null, true);
    }

    private TableKeys schema(String table) {
        return schemas.computeIfAbsent(table, t -> TableKeys.describe(reader, t));
    }

    /** What was counted since the last take, by key; and starts again from zero. */
    public Map<PartitionKey, Written> take() {
        Map<PartitionKey, Written> taken = new TreeMap<>();
        tallies.forEach((key, tally) -> {
            long writes = tally.writes().sumThenReset();
            long units = tally.units().sumThenReset();
            if (writes > 0) {
                taken.put(key, new Written(units, writes));
            }
        });
        return taken;
    }

    /** Item writes counted so far, whatever was taken: it moves while anything still writes. */
    public long attempts() {
        return attempts.sum();
    }
}
