package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.twiml.TwimlDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A signed inbound call per routing mode, over HTTP against the local stack. */
class InboundCallTest {

    private static TwimlDocument call(String callSid, String number) {
        var response = SignedWebhooks.post("/twilio/voice/inbound", SignedWebhooks.voiceParams(callSid, number, "ringing"),
                Demo.ACME_TOKEN);
        assertEquals(200, response.status(), response.body());
        return TwimlDocument.parse(response.body());
    }

    private static void assertRecordedAndAnnounced(String callSid, String number, String routing, String agentId) {
        var call = TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallDirection.INBOUND, call.direction());
        assertEquals(Demo.CALLER, call.from());
        assertEquals(number, call.to());
        assertEquals(routing, call.routing());
        assertEquals(agentId, call.agentId());
        assertEquals(CallStatus.RINGING, call.status());
        assertEquals(Demo.ACME_ACCOUNT, call.accountSid());

        var started = EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid);
        assertEquals(1, started.size());
        var event = started.getFirst();
        assertEquals(Demo.ACME, event.path("tenantId").asText());
        assertTrue(event.path("id").asText().startsWith("evt_"));
        assertTrue(event.hasNonNull("occurredAt"));
        assertEquals(routing, event.path("payload").path("routing").asText());
        assertEquals(number, event.path("payload").path("to").asText());
    }

    @Test
    void forwardDialsTheConfiguredPhone() {
        String callSid = Demo.newCallSid();
        var twiml = call(callSid, Demo.FORWARD_NUMBER);
        assertEquals(List.of("Say", "Dial"), twiml.verbs());
        assertEquals("+15005550181", twiml.text("Number"));
        assertEquals(Demo.CALLER, twiml.verb("Dial").getAttribute("callerId"));
        assertEquals("record-from-answer-dual", twiml.verb("Dial").getAttribute("record"));
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/dial-complete", twiml.verb("Dial").getAttribute("action"));
        assertRecordedAndAnnounced(callSid, Demo.FORWARD_NUMBER, "forward", "alice");
    }

    @Test
    void clientRingsTheAgentsBrowser() {
        String callSid = Demo.newCallSid();
        var twiml = call(callSid, Demo.CLIENT_NUMBER);
        assertEquals("acme_bob", twiml.text("Client").trim());
        assertEquals("25", twiml.verb("Dial").getAttribute("timeout"));
        assertRecordedAndAnnounced(callSid, Demo.CLIENT_NUMBER, "client", "bob");
    }

    @Test
    void voicemailRecordsAMessage() {
        String callSid = Demo.newCallSid();
        var twiml = call(callSid, Demo.VOICEMAIL_NUMBER);
        assertEquals(List.of("Say", "Record"), twiml.verbs());
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/voicemail", twiml.verb("Record").getAttribute("action"));
        assertRecordedAndAnnounced(callSid, Demo.VOICEMAIL_NUMBER, "voicemail", null);
    }

    @Test
    void streamConnectsTheAiAgent() {
        String callSid = Demo.newCallSid();
        var twiml = call(callSid, Demo.STREAM_NUMBER);
        assertEquals("wss://voice-agent.acme.example/media", twiml.verb("Stream").getAttribute("url"));
        assertEquals(3, twiml.response().getElementsByTagName("Parameter").getLength());
        assertRecordedAndAnnounced(callSid, Demo.STREAM_NUMBER, "stream", "alice");
    }

    @Test
    void greetingSpeaksAndHangsUp() {
        String callSid = Demo.newCallSid();
        var twiml = call(callSid, Demo.GREETING_NUMBER);
        assertEquals(List.of("Say", "Hangup"), twiml.verbs());
        assertRecordedAndAnnounced(callSid, Demo.GREETING_NUMBER, "greeting", null);
    }

    @Test
    void aNumberNobodyRoutesIsNotInServiceAndNothingIsRecorded() {
        String callSid = Demo.newCallSid();
        var twiml = call(callSid, "+15005550999");
        assertEquals(List.of("Say", "Hangup"), twiml.verbs());
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, callSid).isEmpty());
        assertEquals(0, EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).size());
    }

    @Test
    void anotherTenantsNumberIsNotInServiceAndItsRoutingStaysPrivate() {
        String callSid = Demo.newCallSid();
        var twiml = call(callSid, Demo.GLOBEX_NUMBER);
        assertEquals(List.of("Say", "Hangup"), twiml.verbs(), "globex's forwarding phone must not reach acme");
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, callSid).isEmpty());
        assertTrue(TestStack.repositories().calls().get(Demo.GLOBEX, callSid).isEmpty());
    }

    @Test
    void theSameDeliveryFiveTimesAtOnceRecordsOneCallAndOneEvent() throws Exception {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        String signature = TwilioSigner.sign(Demo.ACME_TOKEN, TestStack.PUBLIC_URL + "/twilio/voice/inbound", params);
        String body = TwilioSigner.form(params);
        java.util.Map<String, String> headers = java.util.Map.of("X-Twilio-Signature", signature,
                "I-Twilio-Idempotency-Token", "idem-" + callSid);
        List<Callable<SignedWebhooks.Response>> deliveries = IntStream.range(0, 5)
                .<Callable<SignedWebhooks.Response>>mapToObj(i -> () -> SignedWebhooks.send("/twilio/voice/inbound", body, headers))
                .toList();
        List<SignedWebhooks.Response> responses;
        try (var pool = Executors.newFixedThreadPool(5)) {
            responses = pool.invokeAll(deliveries).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
        responses.forEach(r -> assertEquals(200, r.status(), r.body()));
        assertEquals(1, responses.stream().map(SignedWebhooks.Response::body).distinct().count(),
                "every delivery gets the same TwiML");
        assertEquals(1, EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).size());
        var log = TestStack.repositories().calls().timeline(Demo.ACME, callSid);
        assertEquals(1, log.size(), "one event-log entry for the webhook: " + log);
        assertTrue(TestStack.repositories().calls().get(Demo.ACME, callSid).isPresent());
    }

    @Test
    void aRetryWithoutAnIdempotencyTokenIsRecognisedByItsCallSid() {
        String callSid = Demo.newCallSid();
        call(callSid, Demo.VOICEMAIL_NUMBER);
        call(callSid, Demo.VOICEMAIL_NUMBER);
        assertEquals(1, EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).size());
    }
}
