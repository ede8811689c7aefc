package dev.switchboard.shared.analytics;

import dev.switchboard.shared.analytics.counting.Contribution;
import dev.switchboard.shared.analytics.counting.Counting;
import dev.switchboard.shared.analytics.facts.Facts;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What makes the aggregates exact: a fact is the same whatever order and however often its
 * events arrive, and the deltas the counter adds as they arrive sum to the fact's whole
 * contribution, in whatever batches they came.
 */
class CountingOnceTest {
    private static final Instant T = Instant.parse("2027-03-14T06:59:50Z");
    private static final long SEED = Long.getLong("counting.seed", System.nanoTime());

    private static MetricEvent e(String id, String type, Instant at, Map<String, String> fields) {
        return new MetricEvent(id, "t1", type, at, fields);
    }

    /** A flow call: the schedule open, an option chosen, its ring group answered, the call completed. */
    private static List<MetricEvent> call() {
        return List.of(
                e("e1", "call.started", T, Map.of("callSid", "CA1", "direction", "inbound", "from", "+14155550100",
                        "to", "+15005550106", "agentId", "alice", "routing", "flow")),
                e("e2", "ivr.hours", T.plusSeconds(1), Map.of("callSid", "CA1", "status", "open")),
                e("e3", "ivr.selection", T.plusSeconds(9), Map.of("callSid", "CA1", "flowId", "main", "menu", "main",
                        "step", "1", "choice", "option", "label", "Sales")),
                e("e4", "call.status-changed", T.plusSeconds(21), Map.of("callSid", "CA1", "status", "in-progress",
                        "answeredAt", T.plusSeconds(21).toString())),
                e("e5", "call.status-changed", T.plusSeconds(95), Map.of("callSid", "CA1", "status", "completed",
                        "answeredAt", T.plusSeconds(21).toString(), "endedAt", T.plusSeconds(95).toString(),
                        "durationSeconds", "95")));
    }

    private static Contribution whole(List<MetricEvent> events) {
        return Counting.of(Facts.fold("t1", "call#CA1", events));
    }

    @RepeatedTest(20)
    void anyOrderAndAnyRepeatsMakeTheSameFact() {
        Random random = new Random(SEED + System.nanoTime());
        List<MetricEvent> events = new ArrayList<>(call());
        events.addAll(call().subList(0, random.nextInt(5)));   // repeats
        Collections.shuffle(events, random);
        assertEquals(whole(call()), whole(events), "seed " + SEED);
    }

    @RepeatedTest(20)
    void deltasInAnyBatchesSumToTheWhole() {
        Random random = new Random(SEED ^ System.nanoTime());
        List<MetricEvent> arriving = new ArrayList<>(call());
        arriving.addAll(call().subList(0, 3));
        Collections.shuffle(arriving, random);
        List<MetricEvent> held = new ArrayList<>();
        Contribution counted = new Contribution();
        int i = 0;
        while (i < arriving.size()) {
            int n = 1 + random.nextInt(3);
            List<MetricEvent> batch = arriving.subList(i, Math.min(arriving.size(), i + n));
            i += n;
            Contribution before = held.isEmpty() ? new Contribution() : whole(held);
            batch.stream().filter(b -> held.stream().noneMatch(h -> h.id().equals(b.id()))).forEach(held::add);
            counted.add(Contribution.delta(before, whole(held)), 1);
        }
        assertEquals(whole(call()), counted, "seed " + SEED);
    }

    @Test
    void aCallWithoutItsStartIsNotCountedYetAndIsOnceItArrives() {
        var withoutStart = call().subList(1, 5);
        assertTrue(whole(withoutStart).isEmpty());
        var cells = whole(call()).sums();
        var all = cells.entrySet().stream().filter(c -> c.getKey().dimension().equals("all")
                && c.getKey().kind().equals("c")).findFirst().orElseThrow();
        // 06:59:50 UTC: the quarter hour from 06:45.
        assertEquals(T.getEpochSecond() / 60 - 14, all.getKey().quarter());
        assertEquals(1L, all.getValue().get("in"));
        assertEquals(1L, all.getValue().get("ansIn"));
        assertEquals(21L, all.getValue().get("staS"), "speed to answer");
        assertEquals(74L, all.getValue().get("talkS"), "talk time: answer to end");
        assertEquals(95L, all.getValue().get("hdlS"), "handle time: Twilio's CallDuration");
        assertEquals(null, all.getValue().get("abd"), "answered: not abandoned");
    }

    @Test
    void aFlowCallerGoneBeforeAnAnswerIsAbandonedUntilTheirVoicemailArrives() {
        List<MetricEvent> gone = new ArrayList<>(call().subList(0, 3));
        gone.add(e("e6", "call.status-changed", T.plusSeconds(30), Map.of("callSid", "CA1", "status", "completed",
                "endedAt", T.plusSeconds(30).toString(), "durationSeconds", "30")));
        var abandoned = whole(gone);
        assertTrue(abandoned.sums().values().stream().anyMatch(s -> Long.valueOf(1).equals(s.get("abd"))));
        gone.add(e("e7", "voicemail.received", T.plusSeconds(31), Map.of("callSid", "CA1")));
        var voicemail = whole(gone);
        assertTrue(voicemail.sums().values().stream().noneMatch(s -> s.containsKey("abd")));
        assertTrue(voicemail.sums().values().stream().anyMatch(s -> Long.valueOf(1).equals(s.get("vm"))));
    }
}
