package dev.switchboard.shared.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogPositionTest {

    @Test
    void positionsSortAsTheirTimesWhateverTheFractionOfASecond() {
        // Instant.toString gives these 0, 3, 6 and 9 fraction digits, which do not sort as times.
        List<Instant> times = List.of(Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:00:00.000000001Z"),
                Instant.parse("2026-12-06T10:00:00.000100Z"), Instant.parse("2026-12-06T10:00:00.120Z"),
                Instant.parse("2026-12-06T10:00:00.500Z"), Instant.parse("2026-12-06T10:00:01Z"));
        List<String> positions = new ArrayList<>();
        for (Instant t : times) {
            positions.add(LogPosition.of(t, "evt_" + (9 - positions.size())));
        }
        List<String> sorted = new ArrayList<>(positions);
        sorted.sort(null);
        assertEquals(positions, sorted);
        for (int i = 0; i < times.size(); i++) {
            assertEquals(times.get(i), LogPosition.stampedAt(positions.get(i)));
        }
    }

    @Test
    void aHorizonSortsBeforeEveryEventStampedAtItsTimeAndAfterEveryEarlierOne() {
        Instant at = Instant.parse("2026-12-06T10:00:00.5Z");
        String horizon = LogPosition.time(at);
        assertTrue(horizon.compareTo(LogPosition.of(at, "evt_0")) < 0);
        assertTrue(horizon.compareTo(LogPosition.of(at.minusNanos(1), "evt_zzzz")) > 0);
    }

    @Test
    void aCursorFromBeforePositionsHadAFixedWidthReadsFromTheSamePlace() {
        assertEquals("2026-11-21T06:10:42.000000000Z#evt_1", LogPosition.normalize("2026-11-21T06:10:42Z#evt_1"));
        assertEquals("2026-11-21T06:10:42.120000000Z#evt_1", LogPosition.normalize("2026-11-21T06:10:42.120Z#evt_1"));
        assertEquals("2026-11-21T06:10:42.000000000Z", LogPosition.normalize("2026-11-21T06:10:42Z"));
        String now = LogPosition.of(Instant.parse("2026-11-21T06:10:42.5Z"), "evt_2");
        assertEquals(now, LogPosition.normalize(now));
    }
}
