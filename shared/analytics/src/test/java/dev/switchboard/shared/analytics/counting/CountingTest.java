package dev.switchboard.shared.analytics.counting;

import dev.switchboard.shared.analytics.facts.Facts;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.report.GroupBy;
import dev.switchboard.shared.analytics.report.Metric;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void speedToAnswerIsKeptPerAgentAndNumberForTheirServiceLevelTalkTimeIsNot() {
        var started = new MetricEvent("evt_1", "acme", "call.started", AT, Map.of("callSid", "CA1",
                "direction", "inbound", "to", "+15005550101", "agentId", "alice", "routing", "forward"));
        var ended = new MetricEvent("evt_2", "acme", "call.status-changed", AT.plusSeconds(90), Map.of("callSid", "CA1",
                "status", "completed", "answeredAt", AT.plusSeconds(12).toString(), "endedAt", AT.plusSeconds(90).toString(),
                "durationSeconds", "90"));
        var counted = Counting.of(Facts.fold("acme", "call#CA1", List.of(started, ended))).sums();
        long quarter = Cell.quarterOf(AT);
        for (String slice : List.of(Cell.ALL, "direction:inbound", "agent:alice", "number:+15005550101")) {
            assertEquals(Map.of("b12", 1L), counted.get(new Cell(slice, Histogram.ANSWER.wire(), quarter)), slice);
        }
        assertEquals(null, counted.get(new Cell("agent:alice", Histogram.TALK.wire(), quarter)));
        assertEquals(null, counted.get(new Cell("number:+15005550101", Histogram.HANDLE.wire(), quarter)));
        assertTrue(Metric.SERVICE_LEVEL.availableFor(GroupBy.AGENT));
        assertTrue(Metric.SERVICE_LEVEL.availableFor(GroupBy.NUMBER));
        assertFalse(Metric.TALK_TIME_P50.availableFor(GroupBy.AGENT));
    }

    @Test
    void aMenuExitIsCountedPerOptionAndInTheTenantsTotal() {
        var started = new MetricEvent("evt_1", "acme", "call.started", AT, Map.of("callSid", "CA2",
                "direction", "inbound", "to", "+15005550106", "routing", "flow"));
        var selection = new MetricEvent("evt_2", "acme", "ivr.selection", AT.plusSeconds(8), Map.of("callSid", "CA2",
                "flowId", "desk", "menu", "main", "step", "0", "choice", "option", "label", "Sales"));
        var counted = Counting.of(Facts.fold("acme", "call#CA2", List.of(started, selection))).sums();
        long quarter = Cell.quarterOf(AT);
        assertEquals(1L, counted.get(new Cell("option:desk|main|Sales", Cell.COUNTS, quarter)).get("sel"));
        assertEquals(1L, counted.get(new Cell(Cell.ALL, Cell.COUNTS, quarter)).get("sel"));
        assertTrue(Metric.IVR_SELECTIONS.availableFor(GroupBy.NONE));
        assertFalse(Metric.IVR_SELECTIONS.availableFor(GroupBy.DIRECTION));
        assertFalse(Metric.IVR_SELECTIONS.availableFor(GroupBy.HOUR_OF_WEEK));
    }

    @Test
    void aCallTheApiPlacedIsCountedOutboundFromItsStatusEvents() {
        var ringing = new MetricEvent("evt_1", "acme", "call.status-changed", AT, Map.of("callSid", "CA3",
                "status", "ringing", "direction", "outbound", "from", "+15005550101", "agentId", "alice"));
        var completed = new MetricEvent("evt_2", "acme", "call.status-changed", AT.plusSeconds(60), Map.of("callSid", "CA3",
                "status", "completed", "direction", "outbound", "from", "+15005550101", "agentId", "alice",
                "answeredAt", AT.plusSeconds(10).toString(), "endedAt", AT.plusSeconds(60).toString(), "durationSeconds", "50"));
        var counted = Counting.of(Facts.fold("acme", "call#CA3", List.of(completed, ringing))).sums();
        for (String slice : List.of(Cell.ALL, "direction:outbound", "agent:alice", "number:+15005550101")) {
            var sums = counted.get(new Cell(slice, Cell.COUNTS, QUARTER));
            assertEquals(1L, sums.get(Counter.OUTBOUND.wire()), slice);
            assertEquals(null, sums.get(Counter.INBOUND.wire()), slice);
        }
        // An inbound call known only from its status callbacks is not: its call.started never came.
        var inbound = new MetricEvent("evt_3", "acme", "call.status-changed", AT, Map.of("callSid", "CA4",
                "status", "completed", "direction", "inbound", "from", "+14155550100"));
        assertTrue(Counting.of(Facts.fold("acme", "call#CA4", List.of(inbound))).sums().isEmpty());
    }
}
