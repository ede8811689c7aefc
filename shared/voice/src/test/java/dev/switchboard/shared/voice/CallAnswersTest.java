package dev.switchboard.shared.voice;

import dev.switchboard.shared.twiml.TwimlDocument;
import dev.switchboard.shared.calls.MissedCall;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Routing;
import dev.switchboard.shared.tenancy.RoutingMode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallAnswersTest {
    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String BASE = "https://voice.example.com";
    private final CallAnswers answers = new CallAnswers(URI.create(BASE));
    private final Agent alice = new Agent("acme", "alice", "Alice", "+15005550181", null);

    private static PhoneNumber number(Routing routing, String agentId) {
        return new PhoneNumber("+15005550101", "acme", ACCOUNT, agentId, routing);
    }

    private TwimlDocument answer(Routing routing, String agentId, Optional<Agent> agent, String caller) {
        return TwimlDocument.parse(answers.answer(number(routing, agentId), agent, "CA1", caller).toXml());
    }

    @Test
    void forwardDialsThePhoneWithTheCallerAsCallerIdAndRecordsBothChannels() {
        var routing = new Routing(RoutingMode.FORWARD, "+15005550181", true, 25, "Hello", null, true, null);
        var twiml = answer(routing, null, Optional.empty(), "+14155550100");
        assertEquals(List.of("Say", "Dial"), twiml.verbs());
        Element dial = twiml.verb("Dial");
        assertEquals("+14155550100", dial.getAttribute("callerId"));
        assertEquals("25", dial.getAttribute("timeout"));
        assertEquals("record-from-answer-dual", dial.getAttribute("record"));
        assertEquals(BASE + "/twilio/voice/dial-complete", dial.getAttribute("action"));
        assertEquals("POST", dial.getAttribute("method"));
        assertEquals("+15005550181", twiml.text("Number"));
        assertAsksForTheAnswer(twiml, "Number");
    }

    /** The dialed phone or browser tells the status webhook when it answers, and nothing else. */
    private static void assertAsksForTheAnswer(TwimlDocument twiml, String noun) {
        Element dialed = (Element) twiml.verb("Dial").getElementsByTagName(noun).item(0);
        assertEquals("answered", dialed.getAttribute("statusCallbackEvent"));
        assertEquals(BASE + "/twilio/voice/status", dialed.getAttribute("statusCallback"));
        assertEquals("POST", dialed.getAttribute("statusCallbackMethod"));
    }

    @Test
    void forwardWithoutRecordingOrGreetingOrUsableCallerId() {
        var twiml = answer(Routing.forward("+15005550181"), null, Optional.empty(), "anonymous");
        assertEquals(List.of("Dial"), twiml.verbs());
        Element dial = twiml.verb("Dial");
        assertFalse(dial.hasAttribute("record"));
        assertFalse(dial.hasAttribute("callerId"), "a withheld caller ID would make the Dial fail");
        assertEquals("20", dial.getAttribute("timeout"));
    }

    @Test
    void clientRingsTheAgentsBrowserIdentity() {
        var routing = new Routing(RoutingMode.CLIENT, null, false, 0, null, null, true, null);
        var twiml = answer(routing, "alice", Optional.of(alice), "+14155550100");
        assertEquals("acme_alice", twiml.text("Client").trim());
        assertEquals(BASE + "/twilio/voice/dial-complete", twiml.verb("Dial").getAttribute("action"));
        assertAsksForTheAnswer(twiml, "Client");
    }

    @Test
    void clientWithoutItsAgentApologisesAndHangsUp() {
        var routing = new Routing(RoutingMode.CLIENT, null, false, 0, null, null, false, null);
        var twiml = answer(routing, "alice", Optional.empty(), "+14155550100");
        assertEquals(List.of("Say", "Hangup"), twiml.verbs());
        assertEquals(Optional.of(MissedCall.Reason.UNAVAILABLE),
                CallAnswers.reachesNobody(number(routing, "alice"), Optional.empty()));
    }

    @Test
    void onlyAnAnswerThatReachesNobodyIsAMissedCallBeforeAnythingRings() {
        var voicemail = new Routing(RoutingMode.VOICEMAIL, null, false, 0, "Leave a message", null, false, null);
        assertEquals(Optional.of(MissedCall.Reason.VOICEMAIL),
                CallAnswers.reachesNobody(number(voicemail, null), Optional.empty()));
        var client = new Routing(RoutingMode.CLIENT, null, false, 0, null, null, true, null);
        assertEquals(Optional.empty(), CallAnswers.reachesNobody(number(client, "alice"), Optional.of(alice)));
        assertEquals(Optional.empty(), CallAnswers.reachesNobody(number(Routing.forward("+15005550181"), null),
                Optional.empty()));
    }

    @Test
    void voicemailGreetsThenRecordsWithItsCallbacks() {
        var routing = new Routing(RoutingMode.VOICEMAIL, null, false, 0, "Leave a message", null, false, null);
        var twiml = answer(routing, null, Optional.empty(), "+14155550100");
        assertEquals(List.of("Say", "Record"), twiml.verbs());
        assertEquals("Leave a message", twiml.text("Say"));
        Element record = twiml.verb("Record");
        assertEquals(BASE + "/twilio/voice/voicemail", record.getAttribute("action"),
                "without an action Twilio would request the inbound URL again and loop");
        assertEquals(BASE + "/twilio/voice/voicemail", record.getAttribute("recordingStatusCallback"));
        assertEquals("in-progress completed absent", record.getAttribute("recordingStatusCallbackEvent"));
        assertEquals("true", record.getAttribute("transcribe"));
        assertEquals(BASE + "/twilio/voice/transcription", record.getAttribute("transcribeCallback"));
        assertEquals("true", record.getAttribute("playBeep"));
    }

    @Test
    void streamConnectsTheAudioWithTenantAgentAndCallParameters() {
        var routing = new Routing(RoutingMode.STREAM, null, false, 0, null, "wss://ai.example.com/media", false, null);
        var twiml = answer(routing, "alice", Optional.of(alice), "+14155550100");
        assertEquals(List.of("Connect"), twiml.verbs());
        assertEquals("wss://ai.example.com/media", twiml.verb("Stream").getAttribute("url"));
        var parameters = twiml.response().getElementsByTagName("Parameter");
        assertEquals(3, parameters.getLength());
        assertEquals("tenantId=acme agentId=alice callSid=CA1", java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> (Element) parameters.item(i))
                .map(p -> p.getAttribute("name") + "=" + p.getAttribute("value"))
                .reduce((a, b) -> a + " " + b).orElseThrow());
    }

    @Test
    void greetingSpeaksAndHangsUp() {
        var routing = new Routing(RoutingMode.GREETING, null, false, 0, "We have moved", null, false, null);
        var twiml = answer(routing, null, Optional.empty(), "+14155550100");
        assertEquals(List.of("Say", "Hangup"), twiml.verbs());
        assertEquals("We have moved", twiml.text("Say"));
    }

    @Test
    void voicemailAfterNoAnswerUsesItsOwnPrompt() {
        var routing = new Routing(RoutingMode.FORWARD, "+15005550181", false, 0, "Welcome", null, true, "Nobody here");
        var twiml = TwimlDocument.parse(answers.voicemailAfterNoAnswer(routing).toXml());
        assertEquals(List.of("Say", "Record"), twiml.verbs());
        assertEquals("Nobody here", twiml.text("Say"));
    }

    @Test
    void specialCharactersInGreetingsAreEscaped() {
        var routing = new Routing(RoutingMode.GREETING, null, false, 0, "Tom & Jerry <Ltd>", null, false, null);
        var twiml = answer(routing, null, Optional.empty(), "+14155550100");
        assertEquals("Tom & Jerry <Ltd>", twiml.text("Say"));
    }

    @Test
    void notInServiceSpeaksAndHangsUp() {
        var twiml = TwimlDocument.parse(CallAnswers.notInService().toXml());
        assertEquals(List.of("Say", "Hangup"), twiml.verbs());
        assertTrue(twiml.text("Say").contains("not in service"));
    }
}
