package dev.switchboard.shared.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of a tenant's metrics, in its time zone. Days, weeks (from Monday) and months start
 * at their local midnight (or the first moment after it, where midnight falls in a gap); hours and
 * quarter-hours at the wall clock's marks, so that in a zone 30 or 45 minutes off UTC a quarter-hour
 * still starts at :00, :15, :30 or :45 on the local clock, or at a clock change that falls between
 * two marks.
 */
public final class Buckets {
    /** A series asked for is at most this many buckets: 13 months of hours, with room. */
    public static final int MAX_BUCKETS = 10_000;

    private Buckets() {
    }

    /** The bucket that holds {@code t}. */
    public static Bucket of(Instant t, ZoneId zone, Granularity granularity) {
        ZonedDateTime start = startOf(t, zone, granularity);
        return new Bucket(granularity, start.toOffsetDateTime(), start.toInstant(), next(start, granularity, zone));
    }

    private static ZonedDateTime startOf(Instant t, ZoneId zone, Granularity granularity) {
        ZonedDateTime local = t.atZone(zone);
        return switch (granularity) {
            case QUARTER_HOUR -> sinceChange(mark(local, 15), t);
            case HOUR -> sinceChange(mark(local, 60), t);
            case DAY -> local.toLocalDate().atStartOfDay(zone);
            case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        };
    }

    /** Every bucket that [from, until) touches, in order, each the next's neighbour. */
    public static List<Bucket> between(Instant from, Instant until, ZoneId zone, Granularity granularity) {
        List<Bucket> buckets = new ArrayList<>();
        Instant at = from;
        while (at.isBefore(until)) {
            if (buckets.size() == MAX_BUCKETS) {
                throw new IllegalArgumentException("more than " + MAX_BUCKETS + " " + granularity.wireName()
                        + " buckets: ask for a shorter range or a coarser bucket");
            }
            Bucket bucket = of(at, zone, granularity);
            buckets.add(bucket);
            at = bucket.until();
        }
        return buckets;
    }

    /**
     * The wall-clock mark at or before the time: minutes cut to a multiple of {@code minutes} in
     * local time, at the same offset (so an hour repeated by a fall-back keeps its own start).
     */
    private static ZonedDateTime mark(ZonedDateTime local, int minutes) {
        var cut = local.toLocalDateTime().truncatedTo(ChronoUnit.HOURS).plusMinutes(local.getMinute() / minutes * minutes);
        return ZonedDateTime.ofLocal(cut, local.getZone(), local.getOffset());
    }

    /**
     * A mark reckoned at today's offset can fall before the clock change that made the offset, or
     * in the hour the change skipped (in Chatham the clocks change at 02:45 and 03:45, not on the
     * hour): then the bucket starts at the change.
     */
    private static ZonedDateTime sinceChange(ZonedDateTime mark, Instant t) {
        var change = mark.getZone().getRules().previousTransition(t.plusNanos(1));
        boolean outside = mark.toInstant().isAfter(t) || change != null && mark.toInstant().isBefore(change.getInstant());
        return outside && change != null ? change.getInstant().atZone(mark.getZone()) : mark;
    }

    private static Instant next(ZonedDateTime start, Granularity granularity, ZoneId zone) {
        return switch (granularity) {
            // The next mark on the wall clock, or the offset change if it comes first.
            case QUARTER_HOUR, HOUR -> {
                Instant plain = start.toInstant().plus(Duration.ofMinutes(granularity == Granularity.HOUR ? 60 : 15));
                Instant marked = startOf(plain, zone, granularity).toInstant();
                var change = zone.getRules().nextTransition(start.toInstant());
                Instant candidate = marked.isAfter(start.toInstant()) ? marked : plain;
                yield change != null && change.getInstant().isBefore(candidate) ? change.getInstant() : candidate;
            }
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
            case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(zone).toInstant();
        };
    }

    /** The local date a bucket's start falls on: what a daily series is labelled by. */
    public static LocalDate date(Bucket bucket) {
        return bucket.start().toLocalDate();
    }
}
