package dev.switchboard.analytics.counter;

import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.facts.MetricEvents;
import dev.switchboard.shared.analytics.ingest.MetricsIngest;
import dev.switchboard.shared.analytics.live.TodaySoFar;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the outbox items of a batch into the events the metrics count, counts them, and pushes
 * {@code metrics.today} to the WebSockets of each tenant whose figures moved. An item that cannot be read (it never
 * is: the outbox writes them) is logged and passed over rather than holding up the stream.
 */
public final class MetricsCounter {
    private static final Log LOG = Log.of(MetricsCounter.class);

    private final MetricsIngest ingest;
    private final TodaySoFar today;

    public MetricsCounter(MetricsIngest ingest, TodaySoFar today) {
        this.ingest = ingest;
        this.today = today;
    }

    /** @param items the outbox items inserted, as text (eventId, tenantId, type, occurredAt, body …) */
    public void count(List<Map<String, String>> items) {
        List<MetricEvent> events = new ArrayList<>();
        for (Map<String, String> item : items) {
            read(item).ifPresent(events::add);
        }
        if (events.isEmpty()) {
            return;
        }
        for (String tenantId : ingest.ingest(events)) {
            try {
                today.publish(tenantId);
            } catch (RuntimeException e) {
                // Counted already; only this push of today's figures is lost, and the next change sends them.
                LOG.warn("today's figures not sent", "tenantId", tenantId, "reason", String.valueOf(e.getMessage()));
            }
        }
    }

    static Optional<MetricEvent> read(Map<String, String> item) {
        String type = item.get("type");
        if (type == null || type.startsWith("metrics.") || type.startsWith("endpoint.")) {
            return Optional.empty();
        }
        try {
            return Optional.of(MetricEvents.of(Json.parse(item.get("body"))));
        } catch (RuntimeException e) {
            LOG.error("outbox item not readable; not counted", e, "eventId", item.get("eventId"), "type", type);
            return Optional.empty();
        }
    }
}
