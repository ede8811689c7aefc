package dev.switchboard.shared.analytics.counting;

import dev.switchboard.shared.analytics.facts.Facts;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountingTest {
    private static final Instant AT = Instant.parse("2027-03-16T14:07:00Z");

    @Test
    void aReceivedMessageIsCountedReceivedUnderItsNumber() {
        var received = new MetricEvent("evt_1", "acme", "message.received", AT,
                Map.of("messageId", "msg_1", "to", "+15005550101"));
        var counted = Counting.of(Facts.fold("acme", "message#msg_1", List.of(received)));
        long quarter = Cell.quarterOf(AT);
        assertEquals(Map.of(Counter.RECEIVED.wire(), 1L), counted.sums().get(new Cell(Cell.ALL, Cell.COUNTS, quarter)));
        assertEquals(Map.of(Counter.RECEIVED.wire(), 1L),
                counted.sums().get(new Cell("number:+15005550101", Cell.COUNTS, quarter)));
        assertEquals(3, counted.sums().size(), counted.toString());
    }
}
