package dev.switchboard.shared.analytics.rebuild;

import dev.switchboard.shared.analytics.counting.Cell;
import dev.switchboard.shared.analytics.counting.Contribution;
import dev.switchboard.shared.analytics.counting.Counting;
import dev.switchboard.shared.analytics.facts.Facts;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.report.Level;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates as one pass over the event log makes them: every counted event folded into its
 * fact, every fact's contribution summed per cell, at both levels. What the counter maintains
 * must equal this, cell for cell, once it has counted the same events.
 */
public final class MetricsRebuild {
    /** A cell at a level: where its sums are kept. */
    public record Key(Level level, String kind, String dimension, long slot) {
    }

    private MetricsRebuild() {
    }

    /** @param events one tenant's events, in any order, repeats included */
    public static Map<Key, Map<String, Long>> cells(String tenantId, List<MetricEvent> events) {
        Map<String, List<MetricEvent>> bySubject = new LinkedHashMap<>();
        for (MetricEvent e : events) {
            if (Facts.counted(e.type()) && tenantId.equals(e.tenantId())) {
                Facts.subject(e).ifPresent(s -> bySubject.computeIfAbsent(s, k -> new ArrayList<>()).add(e));
            }
        }
        Contribution total = new Contribution();
        bySubject.forEach((subject, of) -> total.add(Counting.of(Facts.fold(tenantId, subject, of)), 1));
        Map<Key, Map<String, Long>> cells = new TreeMap<>(java.util.Comparator.comparing((Key k) -> k.level())
                .thenComparing(Key::kind).thenComparing(Key::dimension).thenComparingLong(Key::slot));
        for (var entry : total.sums().entrySet()) {
            Cell cell = entry.getKey();
            for (Level level : Level.values()) {
                var sums = cells.computeIfAbsent(new Key(level, cell.kind(), cell.dimension(),
                        level.slotOf(cell.quarter())), k -> new TreeMap<>());
                entry.getValue().forEach((name, v) -> sums.merge(name, v, Long::sum));
            }
        }
        cells.values().forEach(s -> s.values().removeIf(v -> v == 0));
        cells.values().removeIf(Map::isEmpty);
        return cells;
    }
}
