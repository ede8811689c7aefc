package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.analytics.counting.Cell;
import dev.switchboard.shared.analytics.counting.Histogram;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.rebuild.MetricsRebuild;
import dev.switchboard.shared.analytics.report.Level;
import dev.switchboard.shared.analytics.store.DynamoMetricsStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's aggregates two ways: as the counter maintains them in the metrics table, and as one
 * pass over its event log (read through the replay API, as an app would) makes them.
 */
final class EventLogCells {
    private static final List<String> SLICES = List.of("direction", "agent", "number", "option", "error");

    private final DynamoMetricsStore store = new DynamoMetricsStore(TestStack.repositories().dynamo(),
            TestStack.repositories().settings().tables().metrics(), Duration.ofDays(31));

    /** Every event of the tenant in the log, each once, oldest first. */
    static List<JsonNode> eventLog(SyntheticTenant tenant) {
        Map<String, JsonNode> events = new LinkedHashMap<>();
        String cursor = null;
        while (true) {
            var page = Api.call("GET", "/v1/tenants/{tenantId}/events", Map.of("tenantId", tenant.id()),
                    "?limit=100" + (cursor == null ? "" : "&after=" + cursor), tenant.key(), null);
            if (page.status() != 200) {
                throw new AssertionError("the event log was not read: " + page.body());
            }
            page.json().path("items").forEach(e -> events.putIfAbsent(e.path("id").asText(), e));
            cursor = page.json().path("nextCursor").asText();
            if (page.json().path("items").isEmpty() && !page.json().path("hasMore").asBoolean()) {
                return List.copyOf(events.values());
            }
        }
    }

    /**
     * An event as the counter reads it from the outbox: its id, tenant, type, when it occurred and
     * the payload's plain values as text; none for the metrics' own events and endpoints' notices.
     */
    static java.util.Optional<MetricEvent> metricEvent(JsonNode event) {
        String type = event.path("type").asText();
        if (type.startsWith("metrics.") || type.startsWith("endpoint.")) {
            return java.util.Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        event.path("payload").properties().forEach(f -> {
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                fields.put(f.getKey(), f.getValue().asText());
            }
        });
        return java.util.Optional.of(new MetricEvent(event.path("id").asText(), event.path("tenantId").asText(), type,
                Instant.parse(event.path("occurredAt").asText()), fields));
    }

    static Map<MetricsRebuild.Key, Map<String, Long>> rebuilt(String tenantId, List<MetricEvent> events) {
        return MetricsRebuild.cells(tenantId, events);
    }

    /**
     * The cells the counter maintains for the tenant between two moments: every kind, at both
     * levels, of every slice the tenant's cells name (and any the rebuild names), zero sums left out.
     */
    Map<MetricsRebuild.Key, Map<String, Long>> maintained(String tenantId, Instant from, Instant until,
                                                          Set<String> alsoDimensions) {
        Set<String> dimensions = new LinkedHashSet<>(List.of(Cell.ALL));
        for (String slice : SLICES) {
            store.values(tenantId, slice).forEach(v -> dimensions.add(slice + ":" + v));
        }
        dimensions.addAll(alsoDimensions);
        List<String> kinds = new ArrayList<>(List.of(Cell.COUNTS));
        for (Histogram h : Histogram.values()) {
            kinds.add(h.wire());
        }
        Map<MetricsRebuild.Key, Map<String, Long>> cells = new TreeMap<>(java.util.Comparator
                .comparing(MetricsRebuild.Key::level).thenComparing(MetricsRebuild.Key::kind)
                .thenComparing(MetricsRebuild.Key::dimension).thenComparingLong(MetricsRebuild.Key::slot));
        long fromSlot = from.getEpochSecond() / 60;
        long untilSlot = until.getEpochSecond() / 60;
        for (Level level : Level.values()) {
            for (String kind : kinds) {
                for (String dimension : dimensions) {
                    for (var stored : store.read(tenantId, level, kind, dimension, level.slotOf(fromSlot), untilSlot)) {
                        Map<String, Long> sums = new TreeMap<>(stored.sums());
                        sums.values().removeIf(v -> v == 0);
                        if (!sums.isEmpty()) {
                            cells.put(new MetricsRebuild.Key(level, kind, dimension, stored.slot()), sums);
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** Where two sets of cells differ, cell by cell: empty when they are the same. */
    static List<String> differences(Map<MetricsRebuild.Key, Map<String, Long>> expected,
                                    Map<MetricsRebuild.Key, Map<String, Long>> actual) {
        List<String> differences = new ArrayList<>();
        Set<MetricsRebuild.Key> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (var key : keys) {
            var e = expected.getOrDefault(key, Map.of());
            var a = actual.getOrDefault(key, Map.of());
            if (!e.equals(a)) {
                differences.add(key + ": " + a + ", expected " + e);
            }
        }
        return differences;
    }
}
