package dev.switchboard.shared.analytics.report;

import dev.switchboard.shared.analytics.Granularity;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A report asked for: metrics over [from, until) in a time zone, bucketed (or one bucket for the
 * whole range when {@code bucket} is empty) and grouped.
 *
 * @param serviceLevelSeconds the N of calls.serviceLevel (answered within N seconds)
 */
public record MetricsQuery(String tenantId, List<Metric> metrics, GroupBy groupBy, Optional<Granularity> bucket,
                           Instant from, Instant until, ZoneId zone, int serviceLevelSeconds) {

    public MetricsQuery {
        metrics = List.copyOf(metrics);
    }
}
