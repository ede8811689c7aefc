package dev.switchboard.local;

import dev.switchboard.shared.voice.TwimlDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The end of a Dial: voicemail for an unanswered caller where the number has it. */
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
        assertEquals(dialStatus, TestStack.platform().calls().get(Demo.ACME, callSid).orElseThrow().dialStatus());
    }

    @Test
    void anAnsweredCallHangsUp() {
        String callSid = Demo.newCallSid();
        assertEquals(List.of("Hangup"), dialEnded(callSid, Demo.FORWARD_NUMBER, "completed").verbs());
        assertEquals("completed", TestStack.platform().calls().get(Demo.ACME, callSid).orElseThrow().dialStatus());
    }

    @Test
    void withoutVoicemailAnUnansweredCallHangsUp() {
        var twiml = dialEnded(Demo.newCallSid(), Demo.STREAM_NUMBER, "no-answer");
        assertEquals(List.of("Hangup"), twiml.verbs());
    }

    @Test
    void aRepeatedDialResultIsLoggedOnce() {
        String callSid = Demo.newCallSid();
        dialEnded(callSid, Demo.FORWARD_NUMBER, "no-answer");
        dialEnded(callSid, Demo.FORWARD_NUMBER, "no-answer");
        assertEquals(1, TestStack.platform().calls().events(Demo.ACME, callSid).size());
    }
}
