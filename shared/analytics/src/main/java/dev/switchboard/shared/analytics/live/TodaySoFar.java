package dev.switchboard.shared.analytics.live;

import dev.switchboard.shared.analytics.report.GroupBy;
import dev.switchboard.shared.analytics.report.Metric;
import dev.switchboard.shared.analytics.report.MetricsQuery;
import dev.switchboard.shared.analytics.report.MetricsReader;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventPayload;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tenant's figures for today so far, in its time zone, sent as {@code metrics.today} through the
 * outbox each time they change: the tenant's WebSockets and webhooks get it as any event.
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
    private final EventOutbox outbox;
    private final Function<String, ZoneId> zones;
    private final Clock clock;

    public TodaySoFar(MetricsReader reader, EventOutbox outbox, Function<String, ZoneId> zones, Clock clock) {
        this.reader = reader;
        this.outbox = outbox;
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

    /**
     * Sends the figures. {@code cause} names what changed them (the batch's last event), so a batch
     * counted again sends the same event id, which the outbox writes once.
     */
    public void publish(String tenantId, String cause) {
        var figures = figures(tenantId);
        outbox.commit(List.of(outbox.put(DomainEvent.of(tenantId, cause, clock.instant(), figures))));
    }
}
