package dev.switchboard.shared.analytics.report;

import dev.switchboard.shared.analytics.counting.Counter;
import dev.switchboard.shared.analytics.counting.Histogram;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The sums of the cells that fall in one bucket and group: what the metrics are computed from. */
public final class Tally {
    private final Map<String, Long> counters = new HashMap<>();
    private final Map<String, TreeMap<Integer, Long>> histograms = new HashMap<>();

    /** Adds one stored cell: {@code kind} c (counters) or a histogram's, its attribute sums. */
    public void add(String kind, Map<String, Long> sums) {
        if (kind.equals("c")) {
            sums.forEach((name, v) -> counters.merge(name, v, Long::sum));
            return;
        }
        TreeMap<Integer, Long> bins = histograms.computeIfAbsent(kind, k -> new TreeMap<>());
        sums.forEach((name, v) -> {
            if (name.startsWith("b")) {
                bins.merge(Integer.parseInt(name.substring(1)), v, Long::sum);
            }
        });
    }

    public long get(Counter counter) {
        return counters.getOrDefault(counter.wire(), 0L);
    }

    /** The bins of a distribution: lower edge to count, in order. */
    public TreeMap<Integer, Long> bins(Histogram histogram) {
        return histograms.getOrDefault(histogram.wire(), new TreeMap<>());
    }

    public boolean isEmpty() {
        return counters.values().stream().allMatch(v -> v == 0)
                && histograms.values().stream().allMatch(b -> b.values().stream().allMatch(v -> v == 0));
    }
}
