package dev.switchboard.local;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.twiml.TwimlDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end of a Dial: voicemail for an unanswered caller where the number has it, and call.missed. */
class DialCompleteTest {

    private static TwimlDocument dialEnded(String callSid, String number, String dialStatus) {
        var params = SignedWebhooks.voiceParams(callSid, number, "in-progress");
        params.put("DialCallStatus", dialStatus);
        params.put("DialCallSid", "CA" + "0".repeat(31) + "1");
        params.put("DialCallDuration", "0");
        var response = SignedWebhooks.post("/twilio/voice/dial-complete", params, Demo.ACME_TOKEN);
        assertEquals(200, response.status(), response.body());
        return TwimlDocument.parse(response.body());
    }

    @ParameterizedTest
    @CsvSource({"no-answer", "busy", "failed", "canceled"})
    void anUnansweredCallGoesToVoicemailWhereTheNumberHasIt(String dialStatus) {
        String callSid = Demo.newCallSid();
        var twiml = dialEnded(callSid, Demo.FORWARD_NUMBER, dialStatus);
        assertEquals(List.of("Say", "Record"), twiml.verbs());
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/voicemail", twiml.verb("Record").getAttribute("action"));
        assertEquals(dialStatus, TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow().dialStatus());
    }

    @Test
    void anAnsweredCallHangsUp() {
        String callSid = Demo.newCallSid();
        assertEquals(List.of("Hangup"), dialEnded(callSid, Demo.FORWARD_NUMBER, "completed").verbs());
        assertEquals("completed", TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow().dialStatus());
    }

    @Test
    void anUnansweredDialNamingNoNumberHangsUpRatherThanFailing() {
        // Neither Called nor To: no number to look up (an empty key is one DynamoDB refuses).
        var params = SignedWebhooks.voiceParams(Demo.newCallSid(), Demo.FORWARD_NUMBER, "in-progress");
        params.remove("Called");
        params.remove("To");
        params.put("DialCallStatus", "no-answer");
        var response = SignedWebhooks.post("/twilio/voice/dial-complete", params, Demo.ACME_TOKEN);
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("Hangup"), TwimlDocument.parse(response.body()).verbs());
    }

    @Test
    void withoutVoicemailAnUnansweredCallHangsUp() {
        var twiml = dialEnded(Demo.newCallSid(), Demo.STREAM_NUMBER, "no-answer");
        assertEquals(List.of("Hangup"), twiml.verbs());
    }

    /** An app learns of every call nobody took, once, and why. */
    @ParameterizedTest(name = "{1} at {0}: {2}")
    @CsvSource({
            "+15005550101, no-answer, voicemail",
            "+15005550101, busy, voicemail",
            "+15005550101, canceled, caller-hung-up",
            "+15005550104, no-answer, no-answer",
            "+15005550104, busy, busy",
            "+15005550104, failed, failed"
    })
    void anUnansweredDialIsOneMissedCallWithItsReason(String number, String dialStatus, String reason) {
        String callSid = Demo.newCallSid();
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, number, "ringing"), Demo.ACME_TOKEN).status());
        dialEnded(callSid, number, dialStatus);
        dialEnded(callSid, number, dialStatus);
        var missed = EventsQueue.forCall("call.missed", callSid);
        assertEquals(1, missed.size(), missed.toString());
        var payload = missed.getFirst().path("payload");
        assertEquals(reason, payload.path("reason").asText());
        assertEquals(dialStatus, payload.path("dialCallStatus").asText());
        assertEquals(Demo.CALLER, payload.path("from").asText());
        assertEquals(number, payload.path("to").asText());
    }

    @Test
    void anAnsweredDialIsNoMissedCall() {
        String callSid = Demo.newCallSid();
        dialEnded(callSid, Demo.FORWARD_NUMBER, "completed");
        assertEquals(List.of(), EventsQueue.forCall("call.missed", callSid));
    }

    @Test
    void anAgentsOwnCallFromTheBrowserThatNobodyAnswersIsNoMissedCall() {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, "+14155550199", "ringing");
        params.put("From", "client:acme_alice");
        params.put("Caller", "client:acme_alice");
        params.put("Called", "");
        params.put("ApplicationSid", "AP0000000000000000000000000000ac3e");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/outbound", params, Demo.ACME_TOKEN).status());
        assertEquals(CallDirection.OUTBOUND, TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow().direction());
        dialEnded(callSid, "+14155550199", "no-answer");
        assertEquals(List.of(), EventsQueue.forCall("call.missed", callSid));
    }

    @Test
    void aCallToANumberThatSendsEveryCallToVoicemailIsMissedOnce() {
        String callSid = Demo.newCallSid();
        for (int delivery = 0; delivery < 2; delivery++) {
            assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                    SignedWebhooks.voiceParams(callSid, Demo.VOICEMAIL_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
        }
        var missed = EventsQueue.forCall("call.missed", callSid);
        assertEquals(1, missed.size(), missed.toString());
        assertEquals("voicemail", missed.getFirst().path("payload").path("reason").asText());
        assertTrue(missed.getFirst().path("payload").path("dialCallStatus").isNull());
    }

    @Test
    void aRepeatedDialResultIsLoggedOnce() {
        String callSid = Demo.newCallSid();
        dialEnded(callSid, Demo.FORWARD_NUMBER, "no-answer");
        dialEnded(callSid, Demo.FORWARD_NUMBER, "no-answer");
        assertEquals(1, TestStack.repositories().calls().timeline(Demo.ACME, callSid).size());
    }
}
