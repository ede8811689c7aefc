package dev.switchboard.shared.analytics.counting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums per cell and attribute: what one fact adds to the aggregates, or the difference between
 * two of a fact's states. Zero sums are dropped, so an unchanged fact contributes nothing.
 */
public final class Contribution {
    private final Map<Cell, Map<String, Long>> sums = new LinkedHashMap<>();

    public Contribution add(Cell cell, String attribute, long amount) {
        if (amount != 0) {
            Map<String, Long> cellSums = sums.computeIfAbsent(cell, c -> new LinkedHashMap<>());
            long sum = cellSums.getOrDefault(attribute, 0L) + amount;
            if (sum == 0) {
                cellSums.remove(attribute);
                if (cellSums.isEmpty()) {
                    sums.remove(cell);
                }
            } else {
                cellSums.put(attribute, sum);
            }
        }
        return this;
    }

    public Contribution add(Contribution other, int sign) {
        other.sums.forEach((cell, cellSums) -> cellSums.forEach((a, v) -> add(cell, a, sign * v)));
        return this;
    }

    /** {@code after} less {@code before}: what the aggregates must gain when a fact changes. */
    public static Contribution delta(Contribution before, Contribution after) {
        return new Contribution().add(after, 1).add(before, -1);
    }

    public boolean isEmpty() {
        return sums.isEmpty();
    }

    public Map<Cell, Map<String, Long>> sums() {
        return Collections.unmodifiableMap(sums);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Contribution c && c.sums.equals(sums);
    }

    @Override
    public int hashCode() {
        return sums.hashCode();
    }

    @Override
    public String toString() {
        return sums.toString();
    }
}
