package dev.switchboard.local;

import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status callbacks as Twilio sends them: separate requests, in any order. */
class CallStatusTest {
    private static final List<String> EVENTS = List.of("initiated", "ringing", "answered", "completed");

    static Stream<List<String>> everyOrder() {
        return permutations(EVENTS).stream();
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<String>> result = new ArrayList<>();
        for (String first : items) {
            List<String> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<String> tail : permutations(rest)) {
                List<String> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }

    static Map<String, String> callback(String callSid, String event, boolean withSequence) {
        int sequence = EVENTS.indexOf(event);
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, switch (event) {
            case "initiated" -> "queued";
            case "answered" -> "in-progress";
            default -> event;
        });
        params.put("CallbackSource", "call-progress-events");
        params.put("Timestamp", "Sat, 21 Nov 2026 06:10:0" + sequence + " +0000");
        if (withSequence) {
            params.put("SequenceNumber", Integer.toString(sequence));
        }
        if (event.equals("completed")) {
            params.put("CallDuration", "42");
        }
        return params;
    }

    private static void deliver(String callSid, List<String> order, boolean withSequence) {
        for (String event : order) {
            var response = SignedWebhooks.post("/twilio/voice/status", callback(callSid, event, withSequence),
                    Demo.ACME_TOKEN);
            assertEquals(200, response.status(), response.body());
            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", response.body());
        }
    }

    /** @param order the order the callbacks came in; null when they raced */
    private static void assertCompleted(String callSid, List<String> order) {
        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.COMPLETED, call.status(), "order " + order);
        assertEquals(42, call.durationSeconds(), "order " + order);
        assertEquals("2026-11-21T06:10:02Z", String.valueOf(call.answeredAt()), "order " + order);
        assertEquals("2026-11-21T06:10:03Z", String.valueOf(call.endedAt()), "order " + order);
        assertEquals(4, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size(), "every callback logged");
        var changes = EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid);
        var completed = changes.stream().filter(e -> e.path("payload").path("status").asText().equals("completed"))
                .toList();
        if (order != null) {
            assertEquals(1 + lateAnswer(order), completed.size(), "order " + order);
        } else {
            assertTrue(completed.size() == 1 || completed.size() == 2, "the end, and again if the answer came after it: " + completed);
        }
        // Whatever the order, what is published ends with the call answered: the last completed says when.
        assertTrue(completed.stream().anyMatch(e -> "2026-11-21T06:10:02Z".equals(e.path("payload").path("answeredAt").textValue())),
                "order " + order + ": " + completed);
    }

    /**
     * 1 when the answer comes after the end: it moves nothing, but it is the first to tell when
     * the call was answered, and the call is published again as it stands (docs/events.md).
     */
    private static int lateAnswer(List<String> order) {
        return order.indexOf("answered") > order.indexOf("completed") ? 1 : 0;
    }

    /**
     * One call.status-changed per callback that moved the call on when it arrived: each one
     * later in the call than every callback before it (by SequenceNumber, or by status order).
     */
    private static void assertOneEventPerAppliedChange(String callSid, List<String> order) {
        int applied = 0;
        int furthest = -1;
        for (String event : order) {
            if (EVENTS.indexOf(event) > furthest) {
                furthest = EVENTS.indexOf(event);
                applied++;
            }
        }
        var changes = EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid);
        assertEquals(applied + lateAnswer(order), changes.size(), "order " + order + ": " + changes);
        assertEquals(changes.size(), changes.stream().map(e -> e.path("id").asText()).distinct().count(), "distinct ids");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOrder")
    void endsCompletedWithItsDurationWhateverTheOrder(List<String> order) {
        String callSid = Demo.newCallSid();
        deliver(callSid, order, true);
        assertCompleted(callSid, order);
        assertOneEventPerAppliedChange(callSid, order);
        assertEquals(3L, TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow().sequenceNumber());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOrder")
    void withoutSequenceNumbersTheStatusOrderStillWins(List<String> order) {
        String callSid = Demo.newCallSid();
        deliver(callSid, order, false);
        assertCompleted(callSid, order);
        assertOneEventPerAppliedChange(callSid, order);
    }

    @Test
    void callbacksAfterTheInboundWebhookMoveTheCallOnAndRepeatsChangeNothing() {
        String callSid = Demo.newCallSid();
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
        deliver(callSid, List.of("ringing", "answered", "answered", "completed", "completed"), true);
        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals("forward", call.routing(), "what the inbound webhook recorded is kept");
        assertEquals("alice", call.agentId());
        assertEquals(1, EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid).stream()
                .filter(e -> e.path("payload").path("status").asText().equals("in-progress")).count());
        // The inbound webhook and three distinct callbacks; the repeats add nothing.
        assertEquals(4, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size());
    }

    @Test
    void anotherTenantCannotChangeACallItDoesNotOwn() {
        String callSid = Demo.newCallSid();
        deliver(callSid, List.of("ringing"), true);
        var forged = callback(callSid, "completed", true);
        forged.put("AccountSid", Demo.GLOBEX_ACCOUNT);
        var response = SignedWebhooks.post("/twilio/voice/status", forged, Demo.GLOBEX_TOKEN);
        assertEquals(200, response.status(), "validly signed by globex, so acknowledged, but ignored");
        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.RINGING, call.status());
        assertTrue(TestStack.repositories().calls().get(Demo.GLOBEX, callSid).isEmpty());
        assertEquals(1, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size());
    }

    @Test
    void anUnknownStatusOrBadSequenceNumberIs400() {
        var params = callback(Demo.newCallSid(), "ringing", true);
        params.put("CallStatus", "exploded");
        var response = SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN);
        assertEquals(400, response.status());
        assertEquals("Unknown CallStatus exploded", response.body());
        params.put("CallStatus", "ringing");
        params.put("SequenceNumber", "one");
        assertEquals(400, SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN).status());
    }

    @Test
    void aDurationOrSequenceNumberOutOfRangeIs400WithNothingStored() {
        String callSid = Demo.newCallSid();
        var params = callback(callSid, "completed", true);
        params.put("CallDuration", "4294967297");   // 2^32 + 1: once stored as 1
        var response = SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN);
        assertEquals(400, response.status());
        assertEquals("CallDuration must be between 0 and 86400", response.body());
        params.put("CallDuration", "-5");
        assertEquals(400, SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN).status());
        params.put("CallDuration", "42");
        params.put("SequenceNumber", "99999999999999");
        assertEquals(400, SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN).status());
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, callSid).isEmpty(), "no call stored");
        assertTrue(TestStack.repositories().calls().timeline(Demo.ACME, callSid).isEmpty(), "nothing logged");
    }

    @Test
    void statusEventsCarryTheCall() {
        String callSid = Demo.newCallSid();
        deliver(callSid, List.of("answered"), true);
        var event = EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid).getFirst();
        assertEquals(Demo.ACME, event.path("tenantId").asText());
        assertEquals("in-progress", event.path("payload").path("status").asText());
        assertEquals("inbound", event.path("payload").path("direction").asText());
        assertNotNull(event.path("payload").path("answeredAt").textValue());
    }

    /**
     * Twilio on a bad day: a call's four callbacks, each sent three times, all at once. The
     * ordering condition must hold under races: the call ends completed, each callback is logged
     * once, and no change is published twice.
     */
    @Test
    void concurrentCallbacksEndCorrectWithOneEventPerAppliedChange() throws Exception {
        List<String> callSids = new ArrayList<>();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            String callSid = Demo.newCallSid();
            callSids.add(callSid);
            for (int copy = 0; copy < 3; copy++) {
                for (String event : EVENTS) {
                    posts.add(() -> SignedWebhooks.post("/twilio/voice/status", callback(callSid, event, true),
                            Demo.ACME_TOKEN).status());
                }
            }
        }
        java.util.Collections.shuffle(posts, new java.util.Random(7));
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (var result : pool.invokeAll(posts)) {
                assertEquals(200, result.get());
            }
        }
        for (String callSid : callSids) {
            assertCompleted(callSid, null);
            var changes = EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid);
            // One event per applied change; the end's may be published twice, the second time
            // because the answer came after it and told when the call was answered.
            List<Long> sequences = changes.stream().map(e -> e.path("payload").path("sequenceNumber").asLong()).toList();
            List<Long> beforeTheEnd = sequences.stream().filter(n -> n != 3).toList();
            assertEquals(beforeTheEnd.stream().distinct().count(), beforeTheEnd.size(), "one event per applied change: " + changes);
            List<String> ends = changes.stream().filter(e -> e.path("payload").path("sequenceNumber").asLong() == 3)
                    .map(e -> String.valueOf(e.path("payload").path("answeredAt").textValue())).toList();
            assertEquals(ends.stream().distinct().count(), ends.size(), "the end published again only with news: " + changes);
            assertTrue(sequences.contains(3L), "the completed callback was applied: " + changes);
        }
    }
}
