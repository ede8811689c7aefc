package dev.switchboard.shared.analytics.store;

import dev.switchboard.shared.analytics.counting.Cell;
import dev.switchboard.shared.analytics.counting.Contribution;
import dev.switchboard.shared.analytics.report.CellSource;
import dev.switchboard.shared.analytics.report.Level;
import dev.switchboard.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MetricsTable (docs/data-model.md): facts, cells and the slices seen.
 * <ul>
 * <li>a fact: {@code pk = <tenant>|fact|<subject>}, {@code sk = fact}: {@code version}, {@code events}
 *     (JSON), {@code expiresAt} (kept as long as its events can still arrive);</li>
 * <li>a cell: {@code pk = <tenant>|<level>|<kind>|<dimension>}, {@code sk} = the slot's UTC epoch minute
 *     (ten digits): one number per counter or histogram bin, {@code expiresAt} (13 months and a month
 *     after the slot). Level and kind in the key spread a tenant's writes over many partitions;</li>
 * <li>a slice value seen: {@code pk = <tenant>|slice|<slice>}, {@code sk} = the value.</li>
 * </ul>
 * A fact's change and the cells' sums move in one transaction, conditional on the fact's version:
 * a cell never counts a change twice, nor one that did not happen.
 */
public final class DynamoMetricsStore implements CellSource {
    /** Cells are kept 13 months, and a month more so a year-on-year month is whole. */
    public static final Duration CELL_RETENTION = Duration.ofDays(430);
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String FACT = "fact";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration factRetention;
    /** Slice values this container has recorded already: each is written once per container, not per change. */
    private final Set<String> slicesSeen = ConcurrentHashMap.newKeySet();

    /** @param factRetention how long a fact is kept: as long as the events it is made from */
    public DynamoMetricsStore(DynamoDbClient dynamo, String table, Duration factRetention) {
        this.dynamo = dynamo;
        this.table = table;
        this.factRetention = factRetention;
    }

    /** The facts of these subjects, read consistently; an absent one has version 0. */
    public Map<String, StoredFact> facts(String tenantId, List<String> subjects) {
        Map<String, StoredFact> found = new HashMap<>();
        for (int i = 0; i < subjects.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = subjects.subList(i, Math.min(i + 100, subjects.size())).stream()
                    .map(s -> key(tenantId + "|fact|" + s, FACT)).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys).consistentRead(true).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                var request = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                for (var item : response.responses().getOrDefault(table, List.of())) {
                    String subject = item.get(PK).s().substring((tenantId + "|fact|").length());
                    found.put(subject, new StoredFact(tenantId, subject, Long.parseLong(item.get("version").n()),
                            FactJson.read(tenantId, item.get("events").s())));
                }
                pending = response.unprocessedKeys();
                if (!pending.isEmpty()) {
                    if (attempt > 8) {
                        throw new IllegalStateException("facts not read: DynamoDB kept returning unprocessed keys");
                    }
                    Transactions.backOff(attempt);
                }
            }
        }
        Map<String, StoredFact> all = new LinkedHashMap<>();
        subjects.forEach(s -> all.put(s, found.getOrDefault(s, StoredFact.absent(tenantId, s))));
        return all;
    }

    /**
     * Writes the facts' new states and adds their deltas to the cells, at both levels, in one
     * transaction; false when a fact changed since it was read (nothing is written then).
     */
    public boolean commit(String tenantId, List<FactChange> changes, java.time.Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (FactChange change : changes) {
            items.add(factPut(change, now));
        }
        cellsOf(changes).forEach((cell, sums) -> items.add(cellUpdate(tenantId, cell, sums)));
        if (items.isEmpty()) {
            return true;
        }
        return Transactions.run(dynamo, items).isEmpty();
    }

    /** How many items a transaction of these changes writes: each fact, and each cell at each level. */
    public static int items(List<FactChange> changes) {
        return changes.size() + cellsOf(changes).size();
    }

    /** The changes' deltas summed per cell, at both levels. */
    static Map<LeveledCell, Map<String, Long>> cellsOf(List<FactChange> changes) {
        Map<LeveledCell, Map<String, Long>> cells = new LinkedHashMap<>();
        for (FactChange change : changes) {
            for (var entry : change.delta().sums().entrySet()) {
                for (Level level : Level.values()) {
                    Cell cell = entry.getKey();
                    var sums = cells.computeIfAbsent(new LeveledCell(level, cell.kind(), cell.dimension(),
                            level.slotOf(cell.quarter())), c -> new LinkedHashMap<>());
                    entry.getValue().forEach((name, v) -> sums.merge(name, v, Long::sum));
                }
            }
        }
        cells.values().forEach(s -> s.values().removeIf(v -> v == 0));
        cells.values().removeIf(Map::isEmpty);
        return cells;
    }

    record LeveledCell(Level level, String kind, String dimension, long slot) {
    }

    private TransactWriteItem factPut(FactChange change, java.time.Instant now) {
        var after = change.after();
        Map<String, AttributeValue> item = new HashMap<>(key(after.tenantId() + "|fact|" + after.subject(), FACT));
        item.put("version", AttributeValue.fromN(Long.toString(change.before().version() + 1)));
        item.put("events", AttributeValue.fromS(FactJson.write(after.events())));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(factRetention).getEpochSecond())));
        var put = Put.builder().tableName(table).item(item);
        if (change.before().version() == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(change.before().version()))));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem cellUpdate(String tenantId, LeveledCell cell, Map<String, Long> sums) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (var sum : sums.entrySet()) {
            names.put("#a" + i, sum.getKey());
            values.put(":a" + i, AttributeValue.fromN(Long.toString(sum.getValue())));
            adds.add("#a" + i + " :a" + i);
            i++;
        }
        long expires = java.time.Instant.ofEpochSecond(cell.slot() * 60).plus(CELL_RETENTION).getEpochSecond();
        values.put(":e", AttributeValue.fromN(Long.toString(expires)));
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(cellKey(tenantId, cell.level(), cell.kind(), cell.dimension()), slot(cell.slot())))
                .updateExpression("ADD " + String.join(", ", adds) + " SET expiresAt = :e")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    /** Records the slice values the changes count in (agents, numbers …), so a grouped report finds them. */
    public void recordSlices(String tenantId, List<FactChange> changes) {
        for (FactChange change : changes) {
            for (Cell cell : change.delta().sums().keySet()) {
                if (cell.dimension().equals(Cell.ALL)) {
                    continue;
                }
                String seen = tenantId + "|slice|" + cell.group() + "|" + cell.value();
                if (slicesSeen.add(seen)) {
                    dynamo.putItem(b -> b.tableName(table).item(key(tenantId + "|slice|" + cell.group(), cell.value())));
                }
            }
        }
    }

    @Override
    public List<Stored> read(String tenantId, Level level, String kind, String dimension, long fromSlot, long untilSlot) {
        List<Stored> cells = new ArrayList<>();
        if (untilSlot <= fromSlot) {
            return cells;
        }
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(cellKey(tenantId, level, kind, dimension)),
                            ":from", AttributeValue.fromS(slot(fromSlot)), ":to", AttributeValue.fromS(slot(untilSlot - 1))))
                    .exclusiveStartKey(from));
            for (var item : page.items()) {
                Map<String, Long> sums = new HashMap<>();
                item.forEach((name, value) -> {
                    if (!name.equals(PK) && !name.equals(SK) && !name.equals("expiresAt") && value.n() != null) {
                        sums.put(name, Long.parseLong(value.n()));
                    }
                });
                cells.add(new Stored(Long.parseLong(item.get(SK).s()), sums));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return cells;
    }

    @Override
    public List<String> values(String tenantId, String slice) {
        List<String> values = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(tenantId + "|slice|" + slice)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> values.add(item.get(SK).s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return values;
    }

    static String cellKey(String tenantId, Level level, String kind, String dimension) {
        return tenantId + "|" + level.wire() + "|" + kind + "|" + dimension;
    }

    private static String slot(long minute) {
        return String.format("%010d", minute);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
