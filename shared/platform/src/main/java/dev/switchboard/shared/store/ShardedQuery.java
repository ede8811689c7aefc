package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a list whose partition key is written in shards ({@link Shards}): every shard's
 * partition queried by the same sort key range and filters, side by side, and merged into the
 * index's sort key order ({@link ShardMerge}), as if the list were one partition.
 *
 * <p>The page's cursor is a position in that order, not a DynamoDB key: the sort key of the last
 * item handed out, or of the last item every shard was read past when a filtered page ends short
 * (then {@code sort|id} where sort keys may repeat, see {@link #tiebreak}). The API seals it
 * (CursorSeal), so it names the list it came from; here it is only read back. A page holds
 * {@code limit} items when no filter drops any; filters run after DynamoDB has read each shard's
 * share, so a filtered page may hold fewer while more follow, and its cursor says so.
 */
public final class ShardedQuery {
    private static final int MAX_POSITION = 1024;

    private final String table;
    private final String index;
    private final String partitionAttribute;
    private final List<String> partitions;
    private final String sortAttribute;
    private final Placeholders placeholders = new Placeholders("q");
    private final Filters filters = new Filters(placeholders);
    private String tiebreak;
    private String lowest;
    private String highest;
    private boolean newestFirst;
    private String after;
    private int limit = 25;
    private boolean lookahead;
    private int budget;

    private ShardedQuery(String table, String index, String partitionAttribute, List<String> partitions,
                         String sortAttribute) {
        this.table = table;
        this.index = index;
        this.partitionAttribute = partitionAttribute;
        this.partitions = List.copyOf(partitions);
        this.sortAttribute = sortAttribute;
    }

    /**
     * A query of {@code index} (null for the table) in each of {@code partitions}, the shards'
     * values of {@code partitionAttribute}, ordered by {@code sortAttribute}.
     */
    public static ShardedQuery of(String table, String index, String partitionAttribute, List<String> partitions,
                                  String sortAttribute) {
        return new ShardedQuery(table, index, partitionAttribute, partitions, sortAttribute);
    }

    /**
     * The sort key may be the same for two items: they are ordered by {@code attribute}, a key
     * of the table (so in every LastEvaluatedKey) whose values hold no {@code |}.
     */
    public ShardedQuery tiebreak(String attribute) {
        this.tiebreak = attribute;
        return this;
    }

    /** Only items whose sort key is at least {@code value}; no bound when null. */
    public ShardedQuery from(String value) {
        this.lowest = value;
        return this;
    }

    /** Only items whose sort key is at most {@code value}; no bound when null. */
    public ShardedQuery to(String value) {
        this.highest = value;
        return this;
    }

    /** Only items whose {@code attribute} is {@code value}; no filter when the value is null. */
    public ShardedQuery whereEquals(String attribute, String value) {
        filters.equal(attribute, value);
        return this;
    }

    /** Only items where either attribute is {@code value} (a call's from or to); none when null. */
    public ShardedQuery whereEither(String attribute, String other, String value) {
        filters.either(attribute, other, value);
        return this;
    }

    /** Only items whose {@code attribute} starts with {@code prefix}; none when null. */
    public ShardedQuery whereBeginsWith(String attribute, String prefix) {
        filters.beginsWith(attribute, prefix);
        return this;
    }

    public ShardedQuery newestFirst() {
        this.newestFirst = true;
        return this;
    }

    /**
     * Continues after {@code position}, a cursor this kind of query handed out (null: from the start).
     *
     * @throws BadCursor when it cannot be one
     */
    public ShardedQuery after(String position) {
        if (position != null && (position.isEmpty() || position.length() > MAX_POSITION)) {
            throw new BadCursor("cursor is not one this API returned");
        }
        this.after = position;
        return this;
    }

    public ShardedQuery limit(int limit) {
        this.limit = limit;
        return this;
    }

    /**
     * Reads on, over rounds of reads of the shards, until the page is full and one more item is
     * known, or {@code budget} items have been evaluated: a page then has a cursor only when more
     * is known to follow, or the reads stopped before knowing.
     */
    public ShardedQuery fill(int budget) {
        this.lookahead = true;
        this.budget = budget;
        return this;
    }

    public <T> Page<T> page(DynamoDbClient dynamo, Function<Map<String, AttributeValue>, T> read) {
        ShardMerge.Order order = new ShardMerge.Order(newestFirst, tiebreak != null);
        ShardMerge.Position start = decode(after);
        List<ShardMerge.Shard<T>> shards = partitions.stream()
                .<ShardMerge.Shard<T>>map(partition -> new Partition<>(dynamo, partition, start, read)).toList();
        var result = ShardMerge.read(shards, order, start,
                new ShardMerge.Reading(limit, lookahead, budget, lookahead && !filters.isEmpty()));
        return new Page<>(result.items(), encode(result.next()));
    }

    /** The cursor of the item at {@code sort} and {@code id} in a list ordered with a {@link #tiebreak}. */
    public static String position(String sort, String id) {
        return sort + "|" + id;
    }

    private ShardMerge.Position decode(String position) {
        if (position == null) {
            return null;
        }
        if (tiebreak == null) {
            return new ShardMerge.Position(position, null);
        }
        int bar = position.lastIndexOf('|');
        if (bar <= 0) {
            throw new BadCursor("cursor is not one this API returned");
        }
        return new ShardMerge.Position(position.substring(0, bar), position.substring(bar + 1));
    }

    private String encode(ShardMerge.Position position) {
        if (position == null) {
            return null;
        }
        return tiebreak == null ? position.sort() : position(position.sort(), position.id());
    }

    private ShardMerge.Position position(Map<String, AttributeValue> item) {
        return new ShardMerge.Position(item.get(sortAttribute).s(), tiebreak == null ? null : item.get(tiebreak).s());
    }

    /** One shard's partition, read from the page's start on, each read going on from the last. */
    private final class Partition<T> implements ShardMerge.Shard<T> {
        private final DynamoDbClient dynamo;
        private final String partition;
        private final Function<Map<String, AttributeValue>, T> reader;
        private final String low;
        private final String high;
        private Map<String, AttributeValue> next;
        private boolean started;

        Partition(DynamoDbClient dynamo, String partition, ShardMerge.Position start,
                  Function<Map<String, AttributeValue>, T> read) {
            this.dynamo = dynamo;
            this.partition = partition;
            this.reader = read;
            // From the page's start, which is included (the merge drops what is not after it):
            // a position need not be an item of this shard, so it cannot be a start key.
            String low = lowest;
            String high = highest;
            if (start != null && newestFirst) {
                high = high == null || ShardMerge.Order.codePoints(start.sort(), high) < 0 ? start.sort() : high;
            } else if (start != null) {
                low = low == null || ShardMerge.Order.codePoints(start.sort(), low) > 0 ? start.sort() : low;
            }
            this.low = low;
            this.high = high;
        }

        @Override
        public ShardMerge.Batch<T> next(int limit) {
            if ((started && next == null) || (low != null && high != null && ShardMerge.Order.codePoints(low, high) > 0)) {
                return new ShardMerge.Batch<>(List.of(), null, 0);
            }
            started = true;
            Map<String, String> names = new HashMap<>(placeholders.names() == null ? Map.of() : placeholders.names());
            Map<String, AttributeValue> values = new HashMap<>(
                    placeholders.values() == null ? Map.of() : placeholders.values());
            names.put("#shardKey", partitionAttribute);
            names.put("#sortKey", sortAttribute);
            values.put(":shard", AttributeValue.fromS(partition));
            String condition = "#shardKey = :shard";
            if (low != null && high != null) {
                condition += " AND #sortKey BETWEEN :low AND :high";
            } else if (low != null) {
                condition += " AND #sortKey >= :low";
            } else if (high != null) {
                condition += " AND #sortKey <= :high";
            } else {
                names.remove("#sortKey");
            }
            if (low != null) {
                values.put(":low", AttributeValue.fromS(low));
            }
            if (high != null) {
                values.put(":high", AttributeValue.fromS(high));
            }
            String keyCondition = condition;
            Map<String, AttributeValue> from = next;
            var page = dynamo.query(b -> b.tableName(table).indexName(index)
                    .keyConditionExpression(keyCondition)
                    .filterExpression(filters.expression())
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .scanIndexForward(!newestFirst).exclusiveStartKey(from).limit(limit));
            next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            List<ShardMerge.Entry<T>> found = page.items().stream()
                    .map(item -> new ShardMerge.Entry<>(position(item), reader.apply(item))).toList();
            return new ShardMerge.Batch<>(found, next == null ? null : position(next), page.scannedCount());
        }
    }
}
