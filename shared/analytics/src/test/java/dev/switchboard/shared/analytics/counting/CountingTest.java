package dev.switchboard.shared.analytics.counting;

import dev.switchboard.shared.analytics.facts.Facts;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountingTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:20:00Z");
    private static final long QUARTER = Cell.quarterOf(AT);

    @Test
    void aReceivedMessageCountsOnceReceived() {
        var received = new MetricEvent("evt_1", "acme", "message.received", AT,
                Map.of("messageId", "msg_1", "to", "+15005550101"));
        var counted = Counting.of(Facts.fold("acme", "message#msg_1", List.of(received)));
        var once = Map.of(Counter.RECEIVED.wire(), 1L);
        assertEquals(Map.of(new Cell(Cell.ALL, Cell.COUNTS, QUARTER), once,
                new Cell("direction:inbound", Cell.COUNTS, QUARTER), once,
                new Cell("number:+15005550101", Cell.COUNTS, QUARTER), once), counted.sums());
    }

    @Test
    void aSentMessageCountsByItsFurthestStatus() {
        var sent = new MetricEvent("evt_2", "acme", "message.status-changed", AT,
                Map.of("messageId", "msg_2", "number", "+15005550101", "status", "sent"));
        var undelivered = new MetricEvent("evt_3", "acme", "message.status-changed", AT.plusSeconds(5),
                Map.of("messageId", "msg_2", "number", "+15005550101", "status", "undelivered", "errorCode", "30003"));
        var counted = Counting.of(Facts.fold("acme", "message#msg_2", List.of(undelivered, sent)));
        assertEquals(Map.of(Counter.SENT.wire(), 1L, Counter.FAILED.wire(), 1L),
                counted.sums().get(new Cell(Cell.ALL, Cell.COUNTS, QUARTER)));
        assertEquals(Map.of(Counter.FAILED.wire(), 1L), counted.sums().get(new Cell("error:30003", Cell.COUNTS, QUARTER)));
    }
}
