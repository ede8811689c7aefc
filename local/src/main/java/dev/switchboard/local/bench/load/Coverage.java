package dev.switchboard.local.bench.load;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether the counted writes account for everything a piece of work changed: every item it
 * created, changed or deleted (two {@link Tables} apart) needs at least one write counted on its
 * table's partition key per item changed there, and one on each global index's partition key the
 * item entered, left or changed in. A function whose client was not observed, or a kind of write
 * the counter missed, shows here as a key written but not counted.
 *
 * @param changed   how many items the work changed
 * @param tables    the tables it changed
 * @param uncounted each key changed but not counted, with what was changed and counted there
 */
public record Coverage(long changed, Set<String> tables, List<String> uncounted) {

    private static long written(Map<PartitionKey, WriteUnits.Written> counted, PartitionKey key) {
        return counted.containsKey(key) ? counted.get(key).writes() : 0;
    }

    public boolean complete() {
        return uncounted.isEmpty();
    }

    static Coverage of(Tables before, Tables after, Map<PartitionKey, WriteUnits.Written> counted) {
        Map<PartitionKey, Long> changedItems = new TreeMap<>();
        Set<PartitionKey> changedIndexKeys = new TreeSet<>();
        Set<String> tables = new TreeSet<>();
        long changed = 0;
        for (var table : after.keys().entrySet()) {
            TableKeys keys = table.getValue();
            var old = before.items().getOrDefault(table.getKey(), Map.of());
            var now = after.items().get(table.getKey());
            Set<Map<String, AttributeValue>> itemKeys = new HashSet<>(old.keySet());
            itemKeys.addAll(now.keySet());
            for (var key : itemKeys) {
                var was = old.get(key);
                var is = now.get(key);
                if (Objects.equals(was, is)) {
                    continue;
                }
                changed++;
                tables.add(keys.table());
                changedItems.merge(new PartitionKey(keys.table(), PartitionKey.TABLE,
                        TableKeys.shown(key.get(keys.hashKey()))), 1L, Long::sum);
                for (TableKeys.Index index : keys.indexes()) {
                    var wasThere = keys.project(index, was);
                    var isThere = keys.project(index, is);
                    if (!index.global() || Objects.equals(wasThere, isThere)) {
                        continue;
                    }
                    for (var there : Arrays.asList(wasThere, isThere)) {
                        if (there != null) {
                            changedIndexKeys.add(new PartitionKey(keys.table(), index.name(),
                                    TableKeys.shown(there.get(index.hashKey()))));
                        }
                    }
                }
            }
        }
        List<String> uncounted = new ArrayList<>();
        changedItems.forEach((key, items) -> {
            long writes = written(counted, key);
            if (writes < items) {
                uncounted.add(key + ": " + items + " item(s) changed, " + writes + " write(s) counted");
            }
        });
        for (PartitionKey key : changedIndexKeys) {
            if (written(counted, key) == 0) {
                uncounted.add(key + ": index entries changed, no write counted");
            }
        }
        return new Coverage(changed, tables, uncounted);
    }
}
