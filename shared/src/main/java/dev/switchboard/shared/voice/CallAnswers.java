package dev.switchboard.shared.voice;

import dev.switchboard.shared.webhook.WebhookPaths;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.PhoneNumbers;
import dev.switchboard.shared.tenancy.Routing;

import java.net.URI;
import java.util.Optional;

/**
 * The TwiML that answers a call, by the called number's routing. Pure: the same number and
 * call always give the same document, so a repeated webhook can be answered again safely.
 */
public final class CallAnswers {
    static final String DEFAULT_VOICEMAIL_PROMPT = "Please leave a message after the tone.";
    static final String NOBODY_AVAILABLE = "Sorry, nobody can take your call right now. Please leave a message after the tone.";
    static final String NOT_IN_SERVICE = "The number you have called is not in service. Goodbye.";
    static final String UNAVAILABLE = "Sorry, this number cannot take calls right now. Goodbye.";
    /** Twilio's own limit is 4 hours; a voicemail longer than 5 minutes is a pocket dial. */
    static final int MAX_VOICEMAIL_SECONDS = 300;

    private final URI publicBaseUrl;

    /** @param publicBaseUrl where Twilio reaches Switchboard, for the callback URLs in the TwiML */
    public CallAnswers(URI publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    /**
     * @param agent  the number's agent, if it has one and it exists
     * @param caller the caller's number (From); used as caller ID only when it is E.164, since
     *               a withheld or malformed one would make the {@code <Dial>} fail
     */
    public VoiceResponse answer(PhoneNumber number, Optional<Agent> agent, String callSid, String caller) {
        Routing routing = number.routing();
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        return switch (routing.mode()) {
            case FORWARD -> greet(response, routing.greeting())
                    .dial(dial(routing, caller).number(new Number.Builder(routing.forwardTo()).build()).build())
                    .build();
            case CLIENT -> agent
                    .map(a -> greet(response, routing.greeting())
                            .dial(dial(routing, caller).client(new Client.Builder(a.clientIdentity()).build()).build())
                            .build())
                    .orElseGet(() -> refuse(UNAVAILABLE));
            case VOICEMAIL -> voicemail(response, routing.greeting() != null ? routing.greeting() : DEFAULT_VOICEMAIL_PROMPT);
            case STREAM -> greet(response, routing.greeting())
                    .connect(new Connect.Builder().stream(new Stream.Builder().url(routing.streamUrl())
                            .parameter(parameter("tenantId", number.tenantId()))
                            .parameter(parameter("agentId", number.agentId() == null ? "" : number.agentId()))
                            .parameter(parameter("callSid", callSid))
                            .build()).build())
                    .build();
            case GREETING -> response.say(say(routing.greeting())).hangup(new Hangup.Builder().build()).build();
        };
    }

    /** Voicemail after an unanswered {@code <Dial>}. */
    public VoiceResponse voicemailAfterNoAnswer(Routing routing) {
        return voicemail(new VoiceResponse.Builder(),
                routing.voicemailGreeting() != null ? routing.voicemailGreeting() : NOBODY_AVAILABLE);
    }

    public static VoiceResponse notInService() {
        return refuse(NOT_IN_SERVICE);
    }

    public static VoiceResponse hangup() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build();
    }

    public static VoiceResponse refuse(String message) {
        return new VoiceResponse.Builder().say(say(message)).hangup(new Hangup.Builder().build()).build();
    }

    private Dial.Builder dial(Routing routing, String caller) {
        Dial.Builder dial = new Dial.Builder()
                .timeout(routing.timeoutSeconds())
                .action(url(WebhookPaths.DIAL_COMPLETE))
                .method(HttpMethod.POST);
        if (PhoneNumbers.isE164(caller)) {
            dial.callerId(caller);
        }
        if (routing.record()) {
            dial.record(Dial.Record.RECORD_FROM_ANSWER_DUAL)
                    .recordingStatusCallback(url(WebhookPaths.RECORDING))
                    .recordingStatusCallbackMethod(HttpMethod.POST)
                    .recordingStatusCallbackEvents(java.util.List.of(Dial.RecordingEvent.IN_PROGRESS,
                            Dial.RecordingEvent.COMPLETED, Dial.RecordingEvent.ABSENT));
        }
        return dial;
    }

    private VoiceResponse voicemail(VoiceResponse.Builder response, String prompt) {
        // <Record> requests its action when it ends (without one Twilio would request this
        // document's URL again and answer the caller from the top): the voicemail webhook makes
        // the voicemail and says goodbye. The same webhook hears the recording's callbacks; the
        // transcription comes to its own.
        return response.say(say(prompt))
                .record(new Record.Builder()
                        .action(url(WebhookPaths.VOICEMAIL))
                        .method(HttpMethod.POST)
                        .maxLength(MAX_VOICEMAIL_SECONDS)
                        .playBeep(true)
                        .recordingStatusCallback(url(WebhookPaths.VOICEMAIL))
                        .recordingStatusCallbackMethod(HttpMethod.POST)
                        .recordingStatusCallbackEvents(java.util.List.of(Record.RecordingEvent.IN_PROGRESS,
                                Record.RecordingEvent.COMPLETED, Record.RecordingEvent.ABSENT))
                        .transcribe(true)
                        .transcribeCallback(url(WebhookPaths.TRANSCRIPTION))
                        .build())
                .build();
    }

    private static VoiceResponse.Builder greet(VoiceResponse.Builder response, String greeting) {
        return greeting == null ? response : response.say(say(greeting));
    }

    private static Say say(String text) {
        return new Say.Builder(text).build();
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter.Builder().name(name).value(value).build();
    }

    private String url(String path) {
        return publicBaseUrl + path;
    }
}
