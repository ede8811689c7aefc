package dev.switchboard.shared.analytics.live;

import dev.switchboard.shared.analytics.report.GroupBy;
import dev.switchboard.shared.analytics.report.Metric;
import dev.switchboard.shared.analytics.report.MetricsQuery;
import dev.switchboard.shared.analytics.report.MetricsReader;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.json.JsonText;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A tenant's figures for today so far, in its time zone, pushed as {@code metrics.today} to the
 * tenant's WebSockets each time they change. A snapshot, not something that happened: it is not
 * written to the event log (a replay, the events queue and webhooks never carry it), and its frame
 * has no id, so no client resumes from it.
 */
public final class TodaySoFar {
    /** What a dashboard's "today" shows. */
    public static final List<Metric> FIGURES = List.of(Metric.CALLS_INBOUND, Metric.CALLS_OUTBOUND,
            Metric.CALLS_ANSWERED, Metric.CALLS_MISSED, Metric.CALLS_ABANDONED, Metric.CALLS_VOICEMAIL,
            Metric.CALLS_AFTER_HOURS, Metric.ANSWER_RATE, Metric.TALK_TIME_AVG, Metric.MESSAGES_SENT,
            Metric.MESSAGES_DELIVERED, Metric.MESSAGES_FAILED, Metric.MESSAGES_RECEIVED, Metric.MESSAGES_OPT_OUTS);
    /** calls.serviceLevel is not among the figures; the query needs an N all the same. */
    private static final int ANY_SERVICE_LEVEL = 20;

    private final MetricsReader reader;
    private final Consumer<String> push;
    private final Function<String, ZoneId> zones;
    private final Clock clock;

    /** @param push sends a frame's JSON to the tenant's WebSockets (the push worker's queue) */
    public TodaySoFar(MetricsReader reader, Consumer<String> push, Function<String, ZoneId> zones, Clock clock) {
        this.reader = reader;
        this.push = push;
        this.zones = zones;
        this.clock = clock;
    }

    /** The figures as they stand now. */
    public EventPayload.MetricsToday figures(String tenantId) {
        ZoneId zone = zones.apply(tenantId);
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant until = today.plusDays(1).atStartOfDay(zone).toInstant();
        var report = reader.report(new MetricsQuery(tenantId, FIGURES, GroupBy.NONE, Optional.empty(), from, until,
                zone, ANY_SERVICE_LEVEL));
        return new EventPayload.MetricsToday(today.toString(), zone.getId(), from.toString(), until.toString(),
                new java.util.LinkedHashMap<>(report.rows().getFirst().values()));
    }

    /** Pushes the figures as they stand now. */
    public void publish(String tenantId) {
        var figures = figures(tenantId);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", DomainEvent.METRICS_TODAY);
        frame.put("tenantId", tenantId);
        frame.put("occurredAt", clock.instant().toString());
        frame.put("payload", figures.fields());
        push.accept(JsonText.write(frame));
    }
}
