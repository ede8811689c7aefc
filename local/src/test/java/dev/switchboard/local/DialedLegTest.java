package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.twilio.TwilioSigner;
import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.twilio.CallStatus;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status callback of the phone or browser an inbound call's {@code <Dial>} rings, as Twilio
 * sends it when the {@code <Number>} or {@code <Client>} asks for {@code answered}: its own
 * CallSid, the caller's call as ParentCallSid. It moves the caller's call, never makes a call of
 * its own; each request hand-made, for the orders and repeats Twilio may send.
 */
class DialedLegTest {
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final String PHONE = "+15005550181";

    /** The caller's call, as the inbound webhook records it: ringing. */
    private static String ringingCall() {
        String callSid = Demo.newCallSid();
        var response = SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing"), Demo.ACME_TOKEN);
        assertEquals(200, response.status(), response.body());
        return callSid;
    }

    /** The dialed leg's callback, as Twilio sends it for {@code statusCallbackEvent="answered"}. */
    private static Map<String, String> leg(String parentSid, String legSid, String status, String timestamp) {
        var params = new java.util.LinkedHashMap<String, String>();
        params.put("AccountSid", Demo.ACME_ACCOUNT);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", legSid);
        params.put("CallStatus", status);
        params.put("CallbackSource", "call-progress-events");
        params.put("Called", PHONE);
        params.put("Caller", Demo.CALLER);
        params.put("Direction", "outbound-dial");
        params.put("From", Demo.CALLER);
        params.put("ParentCallSid", parentSid);
        params.put("SequenceNumber", "0");
        params.put("Timestamp", timestamp);
        params.put("To", PHONE);
        return params;
    }

    /** The number's status callback of the caller's call: only when it is over. */
    private static Map<String, String> completed(String callSid) {
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "completed");
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", "0");
        params.put("Timestamp", "Sat, 21 Nov 2026 06:10:40 +0000");
        params.put("CallDuration", "40");
        return params;
    }

    private static void post(Map<String, String> params) {
        var response = SignedWebhooks.post("/twilio/voice/status", params, Demo.ACME_TOKEN);
        assertEquals(200, response.status(), response.body());
        assertEquals(EMPTY_TWIML, response.body());
    }

    private static List<String> statusesPublished(String callSid) {
        return EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid).stream()
                .sorted(Comparator.comparing(e -> e.path("occurredAt").asText()))
                .map(e -> e.path("payload").path("status").asText()).toList();
    }

    private static List<CallEvent> dialedLegEntries(String callSid) {
        return TestStack.repositories().calls().timeline(Demo.ACME, callSid).stream()
                .filter(e -> e.kind().equals("dialed-leg")).toList();
    }

    @Test
    void theAnswerMovesTheCallersCallInProgressAndNothingElseOfTheLegSticks() {
        String callSid = ringingCall();
        String legSid = Demo.newCallSid();
        post(leg(callSid, legSid, "in-progress", "Sat, 21 Nov 2026 06:10:05 +0000"));

        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.IN_PROGRESS, call.status());
        assertEquals("2026-11-21T06:10:05Z", String.valueOf(call.answeredAt()));
        assertEquals(CallDirection.INBOUND, call.direction(), "the leg's outbound-dial is the leg's");
        assertEquals(Demo.FORWARD_NUMBER, call.to(), "the leg's To is the phone it rang");
        assertNull(call.sequenceNumber(), "the leg's SequenceNumber counts the leg's callbacks");
        assertNull(call.endedAt());
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, legSid).isEmpty(), "the leg is not a call of its own");

        var answered = EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid);
        assertEquals(1, answered.size(), answered.toString());
        JsonNode payload = answered.getFirst().path("payload");
        assertEquals("in-progress", payload.path("status").asText());
        assertTrue(payload.path("sequenceNumber").isNull(), payload.toString());
        assertEquals("2026-11-21T06:10:05Z", payload.path("answeredAt").asText());
        assertEquals("inbound", payload.path("direction").asText());
        assertEquals(Demo.FORWARD_NUMBER, payload.path("to").asText());
        assertEquals("alice", payload.path("agentId").asText());
        assertTrue(EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, legSid).isEmpty());

        var logged = dialedLegEntries(callSid);
        assertEquals(1, logged.size());
        assertEquals(legSid, logged.getFirst().params().get("CallSid"));
        assertNull(logged.getFirst().sequenceNumber());

        post(completed(callSid));
        call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals("2026-11-21T06:10:05Z", String.valueOf(call.answeredAt()), "kept");
        assertEquals(List.of("in-progress", "completed"), statusesPublished(callSid));
    }

    @Test
    void theSameCallbackDeliveredFiveTimesAtOnceIsOneChangeAndOneEntry() throws Exception {
        String callSid = ringingCall();
        var params = leg(callSid, Demo.newCallSid(), "in-progress", "Sat, 21 Nov 2026 06:10:05 +0000");
        String signature = TwilioSigner.sign(Demo.ACME_TOKEN, TestStack.PUBLIC_URL + "/twilio/voice/status", params);
        String body = TwilioSigner.form(params);
        List<Callable<SignedWebhooks.Response>> deliveries = IntStream.range(0, 5)
                .<Callable<SignedWebhooks.Response>>mapToObj(i -> () -> SignedWebhooks.send("/twilio/voice/status", body,
                        Map.of("X-Twilio-Signature", signature, "I-Twilio-Idempotency-Token", "idem-" + i)))
                .toList();
        try (var pool = Executors.newFixedThreadPool(5)) {
            for (var answer : pool.invokeAll(deliveries)) {
                assertEquals(200, answer.get().status(), answer.get().body());
            }
        }
        post(params);
        assertEquals(List.of("in-progress"), statusesPublished(callSid));
        assertEquals(1, dialedLegEntries(callSid).size());
    }

    @Test
    void anAnswerAfterTheCallIsOverLeavesItCompletedAndGivesItsAnsweredAt() {
        String callSid = ringingCall();
        post(completed(callSid));
        var late = leg(callSid, Demo.newCallSid(), "in-progress", "Sat, 21 Nov 2026 06:10:05 +0000");
        post(late);
        post(late);

        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals("2026-11-21T06:10:05Z", String.valueOf(call.answeredAt()));
        assertEquals("2026-11-21T06:10:40Z", String.valueOf(call.endedAt()));
        assertEquals(40, call.durationSeconds());
        // No in-progress after completed: the call is published again as it stands, now answered, once.
        assertEquals(List.of("completed", "completed"), statusesPublished(callSid));
        var published = EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid).stream()
                .map(e -> e.path("payload").path("answeredAt").textValue()).sorted(Comparator.nullsFirst(Comparator.naturalOrder()))
                .toList();
        assertEquals(java.util.Arrays.asList(null, "2026-11-21T06:10:05Z"), published);
        assertEquals(1, dialedLegEntries(callSid).size(), "still in the call's timeline");
    }

    @Test
    void anyOtherStatusOfTheLegIsAcknowledgedAndChangesNothing() {
        String callSid = ringingCall();
        for (String status : List.of("ringing", "completed", "no-answer", "busy")) {
            var params = leg(callSid, Demo.newCallSid(), status, "Sat, 21 Nov 2026 06:10:09 +0000");
            params.put("CallDuration", "0");
            post(params);
        }
        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.RINGING, call.status());
        assertNull(call.endedAt());
        assertTrue(statusesPublished(callSid).isEmpty());
        assertEquals(1, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size(), "only the inbound webhook");
    }

    @Test
    void aForgedSignatureIs403AndChangesNothing() {
        String callSid = ringingCall();
        var params = leg(callSid, Demo.newCallSid(), "in-progress", "Sat, 21 Nov 2026 06:10:05 +0000");
        var response = SignedWebhooks.post("/twilio/voice/status", params, "not-acmes-auth-token-000000000000");
        assertEquals(403, response.status(), response.body());
        assertEquals(CallStatus.RINGING, TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow().status());
        assertTrue(statusesPublished(callSid).isEmpty());
    }

    @Test
    void anotherTenantsLegCannotAnswerThisTenantsCall() {
        String callSid = ringingCall();
        var params = leg(callSid, Demo.newCallSid(), "in-progress", "Sat, 21 Nov 2026 06:10:05 +0000");
        params.put("AccountSid", Demo.GLOBEX_ACCOUNT);
        var response = SignedWebhooks.post("/twilio/voice/status", params, Demo.GLOBEX_TOKEN);
        assertEquals(200, response.status(), "validly signed by globex, so acknowledged, but ignored");
        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.RINGING, call.status());
        assertNull(call.answeredAt());
        assertTrue(TestStack.repositories().calls().get(Demo.GLOBEX, callSid).isEmpty());
        assertTrue(statusesPublished(callSid).isEmpty());
        assertEquals(1, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size());
    }

    @Test
    void aParentCallSidThatIsNoCallSidIs400WithNothingStored() {
        String callSid = ringingCall();
        // Short, another kind of SID, hex in capitals: none is how Twilio writes a CallSid.
        for (String parent : List.of("CA123", "RE" + callSid.substring(2), "CA" + "ABCDEF0123456789".repeat(2))) {
            var response = SignedWebhooks.post("/twilio/voice/status",
                    leg(parent, Demo.newCallSid(), "in-progress", "Sat, 21 Nov 2026 06:10:05 +0000"), Demo.ACME_TOKEN);
            assertEquals(400, response.status(), parent);
            assertEquals("ParentCallSid is not a Twilio Call SID", response.body());
        }
        assertEquals(CallStatus.RINGING, TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow().status());
        assertEquals(1, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size());
    }

    @Test
    void theCallsDetailShowsWhenItWasAnsweredAndTheLegsCallback() {
        String callSid = ringingCall();
        String legSid = Demo.newCallSid();
        post(leg(callSid, legSid, "in-progress", "Sat, 21 Nov 2026 06:10:05 +0000"));
        post(completed(callSid));
        String key = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "dialed-leg")).json().path("key").asText();
        var detail = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null);
        assertEquals(200, detail.status(), detail.body());
        assertEquals("completed", detail.json().path("status").asText());
        assertEquals("2026-11-21T06:10:05Z", detail.json().path("answeredAt").asText());
        List<JsonNode> legs = new java.util.ArrayList<>();
        detail.json().path("events").forEach(e -> {
            if (e.path("kind").asText().equals("dialed-leg")) {
                legs.add(e);
            }
        });
        assertEquals(1, legs.size(), detail.body());
        assertEquals(legSid, legs.getFirst().path("params").path("CallSid").asText());
        assertEquals(callSid, legs.getFirst().path("params").path("ParentCallSid").asText());
        assertEquals("outbound-dial", legs.getFirst().path("params").path("Direction").asText());
    }
}
