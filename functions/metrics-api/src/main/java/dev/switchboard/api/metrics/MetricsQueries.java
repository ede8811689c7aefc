package dev.switchboard.api.metrics;

import dev.switchboard.shared.analytics.Granularity;
import dev.switchboard.shared.analytics.report.GroupBy;
import dev.switchboard.shared.analytics.report.Metric;
import dev.switchboard.shared.analytics.report.MetricsQuery;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.analytics.counting.Histogram;
import dev.switchboard.shared.tenancy.TimeZones;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A report request read from its query string, every parameter checked with a reason a caller
 * can act on (docs/metrics.md, "The API"). The range defaults to the last 7 days, today included,
 * in the tenant's time zone.
 */
final class MetricsQueries {
    static final List<Metric> DEFAULT_METRICS = List.of(Metric.CALLS_INBOUND, Metric.CALLS_ANSWERED, Metric.CALLS_MISSED,
            Metric.ANSWER_RATE, Metric.MESSAGES_SENT, Metric.MESSAGES_RECEIVED);
    static final int DEFAULT_SERVICE_LEVEL_SECONDS = 20;
    static final int MAX_METRICS = 40;
    static final int MAX_MONTHS = 13;

    private MetricsQueries() {
    }

    static MetricsQuery read(String tenantId, ApiRequest request, ZoneId tenantZone, Instant now) {
        ZoneId zone = request.query("tz").map(id -> TimeZones.parse(id).orElseThrow(() -> ApiError.badField("tz",
                "tz must be an IANA time zone such as America/New_York, or UTC"))).orElse(tenantZone);
        List<Metric> metrics = metrics(request.query("metrics"));
        GroupBy groupBy = request.query("groupBy").map(g -> GroupBy.fromWire(g).orElseThrow(() -> ApiError.badField(
                "groupBy", "groupBy must be one of " + Arrays.stream(GroupBy.values()).map(GroupBy::wire).toList())))
                .orElse(GroupBy.NONE);
        for (Metric m : metrics) {
            if (!m.availableFor(groupBy)) {
                throw ApiError.badField("metrics", m.wire() + " is not kept per " + groupBy.wire()
                        + " (docs/metrics.md lists what each grouping shows)");
            }
        }
        Optional<Granularity> bucket = bucket(request.query("bucket").orElse("day"));
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant from = request.query("from").map(v -> instant("from", v, zone, false))
                .orElseGet(() -> today.minusDays(6).atStartOfDay(zone).toInstant());
        Instant until = request.query("to").map(v -> instant("to", v, zone, true))
                .orElseGet(() -> today.plusDays(1).atStartOfDay(zone).toInstant());
        if (!until.isAfter(from)) {
            throw ApiError.badField("to", "to must be after from");
        }
        if (until.isAfter(from.atZone(zone).plusMonths(MAX_MONTHS).toInstant())) {
            throw ApiError.badField("to", "a report covers at most " + MAX_MONTHS + " months");
        }
        if (from.getEpochSecond() % 900 != 0 || until.getEpochSecond() % 900 != 0) {
            throw ApiError.badField("from", "from and to must fall on a quarter hour (:00, :15, :30, :45)");
        }
        int serviceLevel = request.query("serviceLevelSeconds").map(MetricsQueries::serviceLevel)
                .orElse(DEFAULT_SERVICE_LEVEL_SECONDS);
        return new MetricsQuery(tenantId, metrics, groupBy, bucket, from, until, zone, serviceLevel);
    }

    private static List<Metric> metrics(Optional<String> names) {
        if (names.isEmpty() || names.get().isBlank()) {
            return DEFAULT_METRICS;
        }
        List<Metric> metrics = new ArrayList<>();
        for (String name : names.get().split(",", -1)) {
            Metric metric = Metric.fromWire(name.strip()).orElseThrow(() -> ApiError.badField("metrics",
                    "unknown metric '" + clip(name) + "': docs/metrics.md lists them"));
            if (!metrics.contains(metric)) {
                metrics.add(metric);
            }
        }
        if (metrics.size() > MAX_METRICS) {
            throw ApiError.badField("metrics", "at most " + MAX_METRICS + " metrics in one report");
        }
        return metrics;
    }

    private static Optional<Granularity> bucket(String wire) {
        if (wire.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(Granularity.values()).filter(g -> g.wireName().equals(wire)).findFirst()
                .orElseThrow(() -> ApiError.badField("bucket",
                        "bucket must be quarter-hour, hour, day, week, month or none")));
    }

    /**
     * An instant with its offset, or a date in the report's time zone: from its start for
     * {@code from}, to its end for {@code to} (so {@code to=2026-12-07} includes that day).
     */
    static Instant instant(String field, String value, ZoneId zone, boolean end) {
        if (value.length() > 40) {
            throw ApiError.badField(field, field + " is too long");
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw ApiError.badField(field, field + " must be a date (2026-12-01) or a time with its offset"
                    + " (2026-12-01T09:00:00-05:00)");
        }
    }

    private static int serviceLevel(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 1 && seconds <= Histogram.LAST_ANSWER_SECOND) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badField("serviceLevelSeconds", "serviceLevelSeconds must be a whole number from 1 to "
                + Histogram.LAST_ANSWER_SECOND);
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
