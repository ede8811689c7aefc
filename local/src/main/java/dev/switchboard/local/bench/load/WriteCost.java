package dev.switchboard.local.bench.load;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one item write costs in write units, and on which partition keys, by DynamoDB's rules:
 *
 * <ul>
 * <li>The table: one unit per kilobyte of the larger of the item before and after the write (a
 * delete: the item deleted; a ConditionCheck: the item checked), at least one; twice that in a
 * transaction (its prepare and commit).</li>
 * <li>A write DynamoDB refused (a condition not met, a transaction canceled) still consumes the
 * table's units: here the larger of the item as it stood and the item a put would have written,
 * doubled in a transaction (a canceled transaction is taken to cost what it would have). Nothing
 * is written to an index.</li>
 * <li>A global secondary index, for each write that changes what it holds: an item coming in is one
 * put, an item leaving it one delete, an item whose index key changed a delete under the old key
 * and a put under the new one, and an item whose projected attributes changed under the same key
 * one write; each a unit per kilobyte of the item as projected (the larger of old and new for a
 * change in place), never doubled: the index is updated after the transaction, as any write's is.
 * An index entry's own 100-byte overhead (a storage figure) is not counted. A local secondary
 * index's writes count against the table's partition key, whose partition holds it.</li>
 * </ul>
 */
public final class WriteCost {
    /** Units charged to one partition key. */
    public record Charge(PartitionKey key, long units) {
    }

    private WriteCost() {
    }

    /**
     * @param before    the item before the write (null: there was none)
     * @param after     the item after it, when committed (null: there is none)
     * @param committed false when DynamoDB refused the write (its condition, or its transaction's)
     */
    public static List<Charge> of(TableKeys keys, ItemWrite write, Map<String, AttributeValue> before,
                                  Map<String, AttributeValue> after, boolean committed) {
        List<Charge> charges = new ArrayList<>();
        long bytes = Math.max(ItemSize.of(before), ItemSize.of(committed ? after : write.put()));
        String partition = TableKeys.shown(write.key().get(keys.hashKey()));
        charges.add(new Charge(new PartitionKey(keys.table(), PartitionKey.TABLE, partition),
                ItemSize.writeUnits(bytes) * (write.transactional() ? 2 : 1)));
        if (!committed || write.kind() == ItemWrite.Kind.CHECK) {
            return charges;
        }
        for (TableKeys.Index index : keys.indexes()) {
            var old = keys.project(index, before);
            var now = keys.project(index, after);
            if (old != null && now != null && sameKey(index, old, now)) {
                if (!old.equals(now)) {
                    charges.add(charge(keys, index, now, Math.max(ItemSize.of(old), ItemSize.of(now))));
                }
                continue;
            }
            if (old != null) {
                charges.add(charge(keys, index, old, ItemSize.of(old)));
            }
            if (now != null) {
                charges.add(charge(keys, index, now, ItemSize.of(now)));
            }
        }
        return charges;
    }

    private static boolean sameKey(TableKeys.Index index, Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        return a.get(index.hashKey()).equals(b.get(index.hashKey()))
                && (index.rangeKey() == null || Objects.equals(a.get(index.rangeKey()), b.get(index.rangeKey())));
    }

    private static Charge charge(TableKeys keys, TableKeys.Index index, Map<String, AttributeValue> projected,
                                 long bytes) {
        PartitionKey key = index.global()
                ? new PartitionKey(keys.table(), index.name(), TableKeys.shown(projected.get(index.hashKey())))
                : new PartitionKey(keys.table(), PartitionKey.TABLE, TableKeys.shown(projected.get(keys.hashKey())));
        return new Charge(key, ItemSize.writeUnits(bytes));
    }
}
