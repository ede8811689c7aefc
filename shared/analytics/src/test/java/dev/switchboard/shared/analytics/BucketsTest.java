package dev.switchboard.shared.analytics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketsTest {
    private static final List<ZoneId> ZONES = List.of("America/New_York", "Europe/London", "Australia/Sydney",
            "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "UTC").stream().map(ZoneId::of).toList();
    private static final long SEED = Long.getLong("buckets.seed", System.nanoTime());

    @Test
    void aDayIsTwentyThreeOrTwentyFiveHoursWhenTheClocksChange() {
        ZoneId ny = ZoneId.of("America/New_York");
        var spring = Buckets.of(Instant.parse("2026-03-08T15:00:00Z"), ny, Granularity.DAY);
        var autumn = Buckets.of(Instant.parse("2026-11-01T15:00:00Z"), ny, Granularity.DAY);
        assertEquals(Duration.ofHours(23), spring.length());
        assertEquals(Duration.ofHours(25), autumn.length());
        assertEquals(LocalDate.of(2026, 11, 1), Buckets.date(autumn));
    }

    @Test
    void theHourAFallBackRepeatsIsTwoBucketsAndTheSkippedHourNone() {
        ZoneId ny = ZoneId.of("America/New_York");
        var hours = Buckets.between(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-01T08:00:00Z"), ny,
                Granularity.HOUR);
        assertEquals(List.of("00:00-04:00", "01:00-04:00", "01:00-05:00", "02:00-05:00"),
                hours.stream().map(b -> b.start().toLocalTime() + "" + b.start().getOffset()).toList());
        var spring = Buckets.between(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-08T08:00:00Z"), ny,
                Granularity.HOUR);
        assertEquals(List.of("00:00", "01:00", "03:00"), spring.stream().map(b -> b.start().toLocalTime().toString()).toList());
    }

    @Test
    void quarterHoursFollowTheLocalClockInZonesOffByHalfAndThreeQuarterHours() {
        var kolkata = Buckets.of(Instant.parse("2026-12-07T05:00:00Z"), ZoneId.of("Asia/Kolkata"), Granularity.QUARTER_HOUR);
        assertEquals("10:30", kolkata.start().toLocalTime().toString());
        var chatham = Buckets.of(Instant.parse("2026-12-07T05:00:00Z"), ZoneId.of("Pacific/Chatham"), Granularity.QUARTER_HOUR);
        assertEquals(0, chatham.start().getMinute() % 15);
        assertTrue(chatham.contains(Instant.parse("2026-12-07T05:00:00Z")));
    }

    /** Buckets hold their instants, tile time with no gap or overlap, and start on the clock's marks. */
    @Test
    void bucketsTileTimeInEveryZoneAcrossTwoYears() {
        Random random = new Random(SEED);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        long span = Duration.ofDays(730).toSeconds();
        for (int i = 0; i < 20_000; i++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Granularity granularity = Granularity.values()[random.nextInt(Granularity.values().length)];
            Instant t = from.plusSeconds(Math.floorMod(random.nextLong(), span));
            String where = "seed " + SEED + " (-Dbuckets.seed=" + SEED + "): " + t + " " + zone + " " + granularity;
            Bucket bucket = Buckets.of(t, zone, granularity);
            assertTrue(bucket.contains(t), where + " " + bucket);
            assertEquals(bucket, Buckets.of(bucket.from(), zone, granularity), where);
            assertEquals(bucket.until(), Buckets.of(bucket.until(), zone, granularity).from(), where + ": no gap after " + bucket);
            assertEquals(bucket.from(), bucket.start().toInstant(), where);
            var local = bucket.start().atZoneSameInstant(zone);
            boolean atChange = zone.getRules().getTransition(bucket.start().toLocalDateTime()) != null
                    || zone.getRules().previousTransition(bucket.from().plusNanos(1)) != null
                    && zone.getRules().previousTransition(bucket.from().plusNanos(1)).getInstant().equals(bucket.from());
            switch (granularity) {
                case QUARTER_HOUR -> assertTrue(local.getMinute() % 15 == 0 || atChange, where + " " + bucket);
                case HOUR -> assertTrue(local.getMinute() == 0 || atChange, where + " " + bucket);
                case DAY, WEEK, MONTH -> {
                    assertEquals(local.toLocalDate().atStartOfDay(zone).toInstant(), bucket.from(), where);
                    LocalDate next = switch (granularity) {
                        case DAY -> local.toLocalDate().plusDays(1);
                        case WEEK -> local.toLocalDate().plusWeeks(1);
                        default -> local.toLocalDate().plusMonths(1);
                    };
                    assertEquals(next.atStartOfDay(zone).toInstant(), bucket.until(), where);
                }
            }
            assertTrue(!bucket.length().isNegative() && !bucket.length().isZero(), where);
        }
    }

    @Test
    void aClockChangeBetweenTwoMarksStartsABucket() {
        // Chatham goes back from 03:45 (+13:45) to 02:45 (+12:45) at 14:00 UTC, and forward in September.
        ZoneId chatham = ZoneId.of("Pacific/Chatham");
        var hours = Buckets.between(Instant.parse("2027-04-03T13:00:00Z"), Instant.parse("2027-04-03T15:30:00Z"), chatham,
                Granularity.HOUR);
        assertEquals(List.of("12:15Z-13:15Z", "13:15Z-14:00Z", "14:00Z-14:15Z", "14:15Z-15:15Z", "15:15Z-16:15Z"),
                hours.stream().map(b -> b.from().toString().substring(11, 16) + "Z-" + b.until().toString().substring(11, 16)
                        + "Z").toList());
        var spring = Buckets.of(Instant.parse("2026-09-26T14:06:25Z"), chatham, Granularity.HOUR);
        assertEquals(Instant.parse("2026-09-26T14:00:00Z"), spring.from(), "the hour the clocks skipped into starts at the change");
        assertEquals(Instant.parse("2026-09-26T14:15:00Z"), spring.until());
    }

    @Test
    void aSeriesIsBoundedSoNoQueryAsksForMillionsOfBuckets() {
        assertThrows(IllegalArgumentException.class, () -> Buckets.between(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"), Granularity.QUARTER_HOUR));
        assertEquals(13, Buckets.between(Instant.parse("2025-12-01T05:00:00Z"), Instant.parse("2026-12-31T05:00:00Z"),
                ZoneId.of("America/New_York"), Granularity.MONTH).size());
    }
}
