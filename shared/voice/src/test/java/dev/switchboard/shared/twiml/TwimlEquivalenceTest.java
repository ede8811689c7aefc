package dev.switchboard.shared.twiml;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Routing;
import dev.switchboard.shared.tenancy.RoutingMode;
import dev.switchboard.shared.voice.CallAnswers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The webhooks' TwiML is written by hand ({@link Twiml}); here it is held byte for byte to what
 * twilio-java's builders write for the same answer: every routing mode, with and without
 * recording, greeting and caller ID, and text that XML must escape.
 */
class TwimlEquivalenceTest {
    private static final String BASE = "https://voice.example.com";
    /** A flow's TwiML is its own (shared/flows); every other mode is answered by CallAnswers. */
    private static final List<RoutingMode> ANSWERED_HERE = java.util.Arrays.stream(RoutingMode.values())
            .filter(m -> m != RoutingMode.FLOW).toList();
    private static final String ACCOUNT = "AC" + "0".repeat(32);
    private static final List<String> HOSTILE = List.of(
            "Plain words.",
            "Tom & \"Jerry\" <b>'x'</b> > ]]> done",
            "&amp; &lt; already escaped? <![CDATA[x]]> <!-- c -->",
            "ünïcödé, 日本語, עברית, emoji 😀🎉 and a lone € sign",
            "tab\there, newline\nhere, return\rhere",
            "   spaces   ",
            "<Say>nested</Say><Hangup/>");

    private static PhoneNumber number(Routing routing, String agentId) {
        return new PhoneNumber("+15005550006", "acme", ACCOUNT, agentId, routing);
    }

    private static Routing routing(RoutingMode mode, boolean record, String greeting, String voicemailGreeting) {
        return new Routing(mode, mode == RoutingMode.FORWARD ? "+15005550001" : null, record, 25, greeting,
                mode == RoutingMode.STREAM ? "wss://agent.example/media?a=1&b=2" : null, true, voicemailGreeting);
    }

    @Test
    void everyRoutingModeIsWhatTwilioJavaWrites() {
        Agent alice = new Agent("acme", "alice", "Alice", null, "acme_alice");
        CallAnswers answers = new CallAnswers(URI.create(BASE));
        int compared = 0;
        for (String text : HOSTILE) {
            for (boolean record : List.of(false, true)) {
                for (String caller : List.of("+14155550100", "anonymous")) {
                    for (RoutingMode mode : ANSWERED_HERE) {
                        String greeting = mode == RoutingMode.GREETING ? text : (record ? text : null);
                        Routing routing = routing(mode, record, greeting, text);
                        String agentId = mode == RoutingMode.CLIENT || record ? "alice" : null;
                        PhoneNumber number = number(routing, agentId);
                        assertEquals(reference(number, Optional.of(alice), "CA1", caller),
                                answers.answer(number, Optional.of(alice), "CA1", caller).toXml(),
                                mode + " record=" + record + " text=" + text);
                        assertEquals(referenceVoicemail(routing.voicemailGreeting()),
                                answers.voicemailAfterNoAnswer(routing).toXml(), "voicemail after no answer: " + text);
                        compared += 2;
                    }
                }
            }
            assertEquals(new VoiceResponse.Builder().say(new Say.Builder(text).build()).hangup(new Hangup.Builder()
                    .build()).build().toXml(), CallAnswers.refuse(text).toXml());
            assertEquals(new MessagingResponse.Builder().message(new com.twilio.twiml.messaging.Message.Builder(text)
                    .build()).build().toXml(), Twiml.response().add(Twiml.message(text)).toXml());
        }
        assertEquals(new VoiceResponse.Builder().build().toXml(), Twiml.response().toXml());
        assertEquals(new MessagingResponse.Builder().build().toXml(), Twiml.response().toXml());
        assertEquals(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml(),
                CallAnswers.hangup().toXml());
        assertEquals(new VoiceResponse.Builder().say(new Say.Builder("").build()).build().toXml(),
                Twiml.response().add(Voice.say("")).toXml(), "an empty element");
        assertEquals(HOSTILE.size() * 2 * 2 * ANSWERED_HERE.size() * 2, compared);
    }

    @Test
    void browserCallDialsAreWhatTwilioJavaWrites() {
        for (boolean record : List.of(false, true)) {
            Dial.Builder reference = new Dial.Builder().action(BASE + "/twilio/voice/dial-complete")
                    .method(HttpMethod.POST).callerId("+15005550006").number(new Number.Builder("+14155550100").build());
            Twiml dial = Voice.dial().attribute("action", BASE + "/twilio/voice/dial-complete").attribute("method", "POST")
                    .attribute("callerId", "+15005550006").add(Voice.number("+14155550100"));
            if (record) {
                reference.record(Dial.Record.RECORD_FROM_ANSWER_DUAL).recordingStatusCallback(BASE + "/twilio/voice/recording")
                        .recordingStatusCallbackMethod(HttpMethod.POST).recordingStatusCallbackEvents(List.of(
                                Dial.RecordingEvent.IN_PROGRESS, Dial.RecordingEvent.COMPLETED, Dial.RecordingEvent.ABSENT));
                dial.attribute("record", "record-from-answer-dual")
                        .attribute("recordingStatusCallback", BASE + "/twilio/voice/recording")
                        .attribute("recordingStatusCallbackMethod", "POST")
                        .attribute("recordingStatusCallbackEvent", Voice.RECORDING_EVENTS);
            }
            assertEquals(new VoiceResponse.Builder().dial(reference.build()).build().toXml(),
                    Twiml.response().add(dial).toXml());
        }
        assertEquals(new VoiceResponse.Builder().dial(new Dial.Builder().callerId("client:acme_alice")
                        .client(new Client.Builder("acme_bob").build()).build()).build().toXml(),
                Twiml.response().add(Voice.dial().attribute("callerId", "client:acme_alice")
                        .add(Voice.client("acme_bob"))).toXml());
    }

    @Test
    void aCharacterXmlCannotHoldIsRefusedAsTwilioJavaRefusesIt() {
        for (String bad : List.of("a\u0001b", "a\uD800b")) {
            assertThrows(RuntimeException.class, () -> new VoiceResponse.Builder().say(new Say.Builder(bad).build())
                    .build().toXml());
            assertThrows(IllegalArgumentException.class, () -> Twiml.response().add(Voice.say(bad)).toXml());
        }
        // twilio-java writes U+FFFE as it is, which XML 1.0 does not allow; refused here (and never
        // stored: Text.isClean refuses it where text comes in).
        assertThrows(IllegalArgumentException.class, () -> Twiml.response().add(Voice.say("a\uFFFEb")).toXml());
    }

    /** The answer as twilio-java's builders write it: CallAnswers as it was written with them. */
    private static String reference(PhoneNumber number, Optional<Agent> agent, String callSid, String caller) {
        Routing routing = number.routing();
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (routing.greeting() != null && routing.mode() != RoutingMode.VOICEMAIL && routing.mode() != RoutingMode.GREETING) {
            response.say(new Say.Builder(routing.greeting()).build());
        }
        return switch (routing.mode()) {
            case FORWARD -> response.dial(dial(routing, caller).number(new Number.Builder(routing.forwardTo())
                    .statusCallbackEvents(List.of(Number.Event.ANSWERED)).statusCallback(BASE + "/twilio/voice/status")
                    .statusCallbackMethod(HttpMethod.POST).build()).build()).build().toXml();
            case CLIENT -> response.dial(dial(routing, caller).client(new Client.Builder(agent.orElseThrow()
                    .clientIdentity()).statusCallbackEvents(List.of(Client.Event.ANSWERED))
                    .statusCallback(BASE + "/twilio/voice/status").statusCallbackMethod(HttpMethod.POST).build())
                    .build()).build().toXml();
            case VOICEMAIL -> voicemail(response, routing.greeting() != null ? routing.greeting()
                    : "Please leave a message after the tone.");
            case STREAM -> response.connect(new Connect.Builder().stream(new Stream.Builder().url(routing.streamUrl())
                    .parameter(new Parameter.Builder().name("tenantId").value(number.tenantId()).build())
                    .parameter(new Parameter.Builder().name("agentId").value(number.agentId() == null ? ""
                            : number.agentId()).build())
                    .parameter(new Parameter.Builder().name("callSid").value(callSid).build())
                    .build()).build()).build().toXml();
            case GREETING -> response.say(new Say.Builder(routing.greeting()).build()).hangup(new Hangup.Builder()
                    .build()).build().toXml();
            case FLOW -> throw new AssertionError("a flow is not answered by CallAnswers");
        };
    }

    private static String referenceVoicemail(String prompt) {
        return voicemail(new VoiceResponse.Builder(), prompt != null ? prompt
                : "Sorry, nobody can take your call right now. Please leave a message after the tone.");
    }

    private static Dial.Builder dial(Routing routing, String caller) {
        Dial.Builder dial = new Dial.Builder().timeout(routing.timeoutSeconds())
                .action(BASE + "/twilio/voice/dial-complete").method(HttpMethod.POST);
        if (caller.startsWith("+")) {
            dial.callerId(caller);
        }
        if (routing.record()) {
            dial.record(Dial.Record.RECORD_FROM_ANSWER_DUAL).recordingStatusCallback(BASE + "/twilio/voice/recording")
                    .recordingStatusCallbackMethod(HttpMethod.POST).recordingStatusCallbackEvents(List.of(
                            Dial.RecordingEvent.IN_PROGRESS, Dial.RecordingEvent.COMPLETED, Dial.RecordingEvent.ABSENT));
        }
        return dial;
    }

    private static String voicemail(VoiceResponse.Builder response, String prompt) {
        return response.say(new Say.Builder(prompt).build())
                .record(new com.twilio.twiml.voice.Record.Builder()
                        .action(BASE + "/twilio/voice/voicemail").method(HttpMethod.POST).maxLength(300).playBeep(true)
                        .recordingStatusCallback(BASE + "/twilio/voice/voicemail")
                        .recordingStatusCallbackMethod(HttpMethod.POST)
                        .recordingStatusCallbackEvents(new ArrayList<>(List.of(
                                com.twilio.twiml.voice.Record.RecordingEvent.IN_PROGRESS,
                                com.twilio.twiml.voice.Record.RecordingEvent.COMPLETED,
                                com.twilio.twiml.voice.Record.RecordingEvent.ABSENT)))
                        .transcribe(true).transcribeCallback(BASE + "/twilio/voice/transcription").build())
                .build().toXml();
    }
}
