package dev.switchboard.shared.analytics;

import dev.switchboard.shared.analytics.report.CellSource;
import dev.switchboard.shared.analytics.report.GroupBy;
import dev.switchboard.shared.analytics.report.Level;
import dev.switchboard.shared.analytics.report.Metric;
import dev.switchboard.shared.analytics.report.MetricsQuery;
import dev.switchboard.shared.analytics.report.MetricsReader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Reports from cells held in memory: each quarter hour of a day with one inbound call, read back
 * in zones whose days are 23 hours or whose hours start on the half hour.
 */
class MetricsReaderTest {
    /** One call in every UTC quarter hour, at both levels; a talk time distribution in each hour. */
    private static final class EveryQuarter implements CellSource {
        final List<Level> levelsRead = new ArrayList<>();

        @Override
        public List<Stored> read(String tenantId, Level level, String kind, String dimension, long from, long until) {
            levelsRead.add(level);
            List<Stored> cells = new ArrayList<>();
            for (long slot = from - Math.floorMod(from, level.minutes()); slot < until; slot += level.minutes()) {
                if (slot < from) {
                    continue;
                }
                int calls = level.minutes() / 15;
                cells.add(new Stored(slot, kind.equals("c") ? Map.of("in", (long) calls, "ansIn", (long) calls,
                        "miss", 0L) : Map.of("b5", 1L, "b45", (long) calls - 1)));
            }
            return cells;
        }

        @Override
        public List<String> values(String tenantId, String slice) {
            return List.of();
        }
    }

    private static MetricsQuery day(LocalDate date, ZoneId zone, Metric... metrics) {
        return new MetricsQuery("t", List.of(metrics), GroupBy.NONE, Optional.of(Granularity.DAY),
                date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant(), zone, 20);
    }

    @Test
    void theDayTheClocksGoForwardIsTwentyThreeHoursOfCalls() {
        var source = new EveryQuarter();
        var report = new MetricsReader(source).report(day(LocalDate.of(2027, 3, 14), ZoneId.of("America/New_York"),
                Metric.CALLS_INBOUND));
        assertEquals(1, report.rows().size());
        assertEquals(23 * 4L, report.rows().getFirst().values().get("calls.inbound"));
        assertEquals(List.of(Level.HOUR), source.levelsRead, "whole-hour offsets: hours read");
    }

    @Test
    void inKolkataQuarterHoursAreReadAndHoursStartOnTheHalfHour() {
        var source = new EveryQuarter();
        var zone = ZoneId.of("Asia/Kolkata");
        var date = LocalDate.of(2027, 3, 14);
        var report = new MetricsReader(source).report(new MetricsQuery("t", List.of(Metric.CALLS_INBOUND), GroupBy.NONE,
                Optional.of(Granularity.HOUR), date.atStartOfDay(zone).toInstant(),
                date.plusDays(1).atStartOfDay(zone).toInstant(), zone, 20));
        assertEquals(24, report.rows().size());
        assertEquals("2027-03-14T00:00+05:30", report.rows().getFirst().start());
        report.rows().forEach(r -> assertEquals(4L, r.values().get("calls.inbound")));
        assertEquals(List.of(Level.QUARTER), source.levelsRead);
    }

    @Test
    void ratesRoundHalfUpAndPercentilesTakeTheNearestRank() {
        var report = new MetricsReader(new EveryQuarter()).report(new MetricsQuery("t",
                List.of(Metric.ANSWER_RATE, Metric.TALK_TIME_P50, Metric.TALK_TIME_P95, Metric.SPEED_TO_ANSWER_AVG),
                GroupBy.NONE, Optional.empty(), Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T01:00:00Z"), ZoneId.of("UTC"), 20));
        var values = report.rows().getFirst().values();
        assertEquals(new BigDecimal("1.0000"), values.get("calls.answerRate"));
        // One hour cell: bins 5 (one call) and 45 (three calls): the 2nd of 4 is 45, the 4th is 45.
        assertEquals(45, values.get("calls.talkTime.p50"));
        assertEquals(45, values.get("calls.talkTime.p95"));
        assertNull(values.get("calls.speedToAnswer.avg"), "an average of nothing is null");
    }

    @Test
    void theHeatMapHasEveryHourOfTheWeek() {
        var zone = ZoneId.of("Europe/London");
        var report = new MetricsReader(new EveryQuarter()).report(new MetricsQuery("t", List.of(Metric.CALLS_INBOUND),
                GroupBy.HOUR_OF_WEEK, Optional.empty(), LocalDate.of(2027, 3, 1).atStartOfDay(zone).toInstant(),
                LocalDate.of(2027, 3, 8).atStartOfDay(zone).toInstant(), zone, 20));
        assertEquals(168, report.rows().size());
        assertEquals("MON-00", report.rows().getFirst().group());
        report.rows().forEach(r -> assertEquals(4L, r.values().get("calls.inbound"), r.group()));
    }
}
