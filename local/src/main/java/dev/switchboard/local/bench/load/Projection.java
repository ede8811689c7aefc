package dev.switchboard.local.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Write units per second on each partition key at a target load, from what a smaller run counted:
 * each phase of the run (its calls, its messages) is scaled on its own, by the target rate over
 * the number it played, and a key's phases are added up. That keeps each key's share of the
 * traffic, which is right for what many calls or messages share (the tenant's index partitions,
 * its webhook endpoint, a conversation of a run's few parties) and overstates what belongs to one
 * call or message: in AWS that is written at the pace of its own call, not of the load. So a key
 * of one call can only look hotter than it is, never cooler.
 */
public record Projection(List<Row> rows) {
    /** DynamoDB's limit on one partition, in write units a second. */
    public static final double PARTITION_LIMIT = 1_000;
    /** The most any key may take: a third of the limit, room for bursts and growth. */
    public static final double BUDGET = PARTITION_LIMIT / 3;

    /** One key at the target load; {@code what} says what the key stands for, when known. */
    public record Row(PartitionKey key, String what, double perSecond) {
        public double shareOfLimit() {
            return perSecond / PARTITION_LIMIT;
        }
    }

    /** What a phase counted, how many calls or messages it played, and the target rate of those. */
    public record Phase(Map<PartitionKey, WriteUnits.Written> counted, int played, double targetPerSecond) {
    }

    public static Projection of(List<Phase> phases, Function<PartitionKey, String> what) {
        Map<PartitionKey, Double> perSecond = new HashMap<>();
        for (Phase phase : phases) {
            double scale = phase.targetPerSecond() / phase.played();
            phase.counted().forEach((key, written) -> perSecond.merge(key, written.units() * scale, Double::sum));
        }
        List<Row> rows = new ArrayList<>();
        perSecond.forEach((key, rate) -> rows.add(new Row(key, what.apply(key), rate)));
        rows.sort(Comparator.comparingDouble(Row::perSecond).reversed().thenComparing(Row::key));
        return new Projection(List.copyOf(rows));
    }

    public List<Row> hottest(int count) {
        return rows.subList(0, Math.min(count, rows.size()));
    }

    /** The hottest key of each table and of each of its indexes, hottest first. */
    public List<Row> hottestOfEach() {
        Map<String, Row> first = new java.util.LinkedHashMap<>();
        rows.forEach(r -> first.putIfAbsent(r.key().table() + "|" + r.key().index(), r));
        return List.copyOf(first.values());
    }

    /** The keys above the budget, hottest first. */
    public List<Row> overBudget() {
        return rows.stream().filter(r -> r.perSecond() > BUDGET).toList();
    }
}
