package dev.switchboard.shared.analytics.report;

import dev.switchboard.shared.analytics.Bucket;
import dev.switchboard.shared.analytics.Buckets;
import dev.switchboard.shared.analytics.counting.Cell;
import dev.switchboard.shared.concurrent.SideBySide;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers a report from the cells: reads the slices and kinds it needs at the coarsest level that
 * fits the time zone and range, sums each cell into the bucket that holds its start (buckets start
 * on quarter-hour marks, or on hour marks in zones whose offsets are whole hours, so a cell never
 * straddles two), and computes each metric from the sums.
 */
public final class MetricsReader {
    /** A report is at most this many rows (buckets × groups). */
    public static final int MAX_ROWS = 50_000;
    private static final Locale EN = Locale.ROOT;

    private final CellSource cells;

    public MetricsReader(CellSource cells) {
        this.cells = cells;
    }

    public MetricsReport report(MetricsQuery q) {
        List<Bucket> buckets = buckets(q);
        Level level = level(q);
        long fromSlot = q.from().getEpochSecond() / 60;
        long untilSlot = q.until().getEpochSecond() / 60;
        Set<String> kinds = new LinkedHashSet<>(List.of(Cell.COUNTS));
        q.metrics().forEach(m -> m.histogram().ifPresent(h -> kinds.add(h.wire())));

        Map<String, String> dimensions = dimensions(q);   // dimension → group label
        List<Map<String, Tally>> tallies = new ArrayList<>();
        buckets.forEach(b -> tallies.add(new LinkedHashMap<>()));
        Set<String> groups = new TreeSet<>();
        // Each slice and kind is its own partition: read side by side, summed in order after.
        List<Read> reads = new ArrayList<>();
        for (var dimension : dimensions.entrySet()) {
            for (String kind : kinds) {
                reads.add(new Read(dimension.getKey(), dimension.getValue(), kind, new ArrayList<>()));
            }
        }
        var failures = SideBySide.run(reads.stream().<Runnable>map(r -> () -> r.cells().addAll(
                cells.read(q.tenantId(), level, r.kind(), r.dimension(), fromSlot, untilSlot))).toList());
        if (!failures.isEmpty()) {
            throw failures.getFirst() instanceof RuntimeException e ? e : new IllegalStateException(failures.getFirst());
        }
        for (Read read : reads) {
            for (CellSource.Stored stored : read.cells()) {
                Instant start = Instant.ofEpochSecond(stored.slot() * 60);
                int at = bucketOf(buckets, start);
                if (at < 0) {
                    continue;
                }
                String group = q.groupBy() == GroupBy.HOUR_OF_WEEK ? hourOfWeek(start, q.zone()) : read.group();
                tallies.get(at).computeIfAbsent(group, g -> new Tally()).add(read.kind(), stored.sums());
                if (group != null && q.groupBy() != GroupBy.HOUR_OF_WEEK && !stored.sums().isEmpty()) {
                    groups.add(group);
                }
            }
        }
        List<String> order = switch (q.groupBy()) {
            case NONE -> java.util.Collections.singletonList(null);
            case HOUR_OF_WEEK -> hoursOfWeek();
            default -> List.copyOf(groups);
        };
        if ((long) order.size() * buckets.size() > MAX_ROWS) {
            throw new IllegalArgumentException("the report would be more than " + MAX_ROWS
                    + " rows: ask for a shorter range, a coarser bucket or fewer groups");
        }
        List<MetricsReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            for (String group : order) {
                Tally tally = tallies.get(i).getOrDefault(group, new Tally());
                Map<String, Number> values = new LinkedHashMap<>();
                q.metrics().forEach(m -> values.put(m.wire(), m.of(tally, q.serviceLevelSeconds())));
                rows.add(new MetricsReport.Row(b.start().toString(),
                        b.until().atZone(q.zone()).toOffsetDateTime().toString(), group, values));
            }
        }
        return new MetricsReport(q, rows);
    }

    private record Read(String dimension, String group, String kind, List<CellSource.Stored> cells) {
    }

    /** The buckets asked for, or the whole range as one. */
    static List<Bucket> buckets(MetricsQuery q) {
        return q.bucket().map(g -> Buckets.between(q.from(), q.until(), q.zone(), g))
                .orElseGet(() -> List.of(new Bucket(null, q.from().atZone(q.zone()).toOffsetDateTime(),
                        q.from(), q.until())));
    }

    /**
     * Hours when every bucket edge is an hour mark in UTC: the zone's offsets in the range are all
     * whole hours, the range starts and ends on the hour, and the buckets are not quarter hours.
     */
    static Level level(MetricsQuery q) {
        if (q.bucket().filter(g -> g == dev.switchboard.shared.analytics.Granularity.QUARTER_HOUR).isPresent()
                || q.from().getEpochSecond() % 3600 != 0 || q.until().getEpochSecond() % 3600 != 0) {
            return Level.QUARTER;
        }
        var rules = q.zone().getRules();
        if (rules.getOffset(q.from()).getTotalSeconds() % 3600 != 0) {
            return Level.QUARTER;
        }
        for (var t = rules.nextTransition(q.from()); t != null && t.getInstant().isBefore(q.until());
             t = rules.nextTransition(t.getInstant())) {
            if (t.getOffsetAfter().getTotalSeconds() % 3600 != 0 || t.getInstant().getEpochSecond() % 3600 != 0) {
                return Level.QUARTER;
            }
        }
        return Level.HOUR;
    }

    private Map<String, String> dimensions(MetricsQuery q) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        var slice = q.groupBy().slice();
        if (slice.isEmpty()) {
            dimensions.put(Cell.ALL, null);
        } else {
            for (String value : cells.values(q.tenantId(), slice.get())) {
                dimensions.put(slice.get() + ":" + value, value);
            }
        }
        return dimensions;
    }

    private static int bucketOf(List<Bucket> buckets, Instant t) {
        int lo = 0, hi = buckets.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Bucket b = buckets.get(mid);
            if (t.isBefore(b.from())) {
                hi = mid - 1;
            } else if (!t.isBefore(b.until())) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** {@code MON-09}: the weekday and hour on the tenant's clock. */
    static String hourOfWeek(Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        return label(local.getDayOfWeek(), local.getHour());
    }

    private static String label(DayOfWeek day, int hour) {
        return day.getDisplayName(TextStyle.SHORT, EN).toUpperCase(EN) + "-" + (hour < 10 ? "0" : "") + hour;
    }

    private static List<String> hoursOfWeek() {
        List<String> labels = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int hour = 0; hour < 24; hour++) {
                labels.add(label(day, hour));
            }
        }
        return labels;
    }
}
