package dev.switchboard.shared.voice;

import dev.switchboard.shared.calls.MissedCall;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.twilio.PhoneNumbers;
import dev.switchboard.shared.tenancy.Routing;
import dev.switchboard.shared.twiml.Twiml;
import dev.switchboard.shared.twiml.Voice;
import dev.switchboard.shared.config.WebhookPaths;

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
    public static final String UNAVAILABLE = "Sorry, this number cannot take calls right now. Goodbye.";
    /** Twilio's own limit is 4 hours; a voicemail longer than 5 minutes is a pocket dial. */
    static final int MAX_VOICEMAIL_SECONDS = 300;
    /**
     * The dialed leg's status callbacks asked for: only its answer. Its ringing tells nothing the
     * inbound webhook did not, and its end comes with the {@code <Dial action>}.
     */
    static final String DIALED_EVENTS = "answered";

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
    public Twiml answer(PhoneNumber number, Optional<Agent> agent, String callSid, String caller) {
        Routing routing = number.routing();
        Twiml response = Twiml.response();
        return switch (routing.mode()) {
            case FORWARD -> greet(response, routing.greeting())
                    .add(dial(routing, caller).add(dialed(Voice.number(routing.forwardTo()))));
            case CLIENT -> agent
                    .map(a -> greet(response, routing.greeting())
                            .add(dial(routing, caller).add(dialed(Voice.client(a.clientIdentity())))))
                    .orElseGet(() -> refuse(UNAVAILABLE));
            case VOICEMAIL -> voicemail(response, routing.greeting() != null ? routing.greeting() : DEFAULT_VOICEMAIL_PROMPT);
            case STREAM -> greet(response, routing.greeting())
                    .add(Voice.connect(Voice.stream(routing.streamUrl())
                            .add(Voice.parameter("tenantId", number.tenantId()))
                            .add(Voice.parameter("agentId", number.agentId() == null ? "" : number.agentId()))
                            .add(Voice.parameter("callSid", callSid))));
            case GREETING -> response.add(Voice.say(routing.greeting())).add(Voice.hangup());
            // Answered by its flow (shared/flows); here only if the flow is gone.
            case FLOW -> refuse(UNAVAILABLE);
        };
    }

    /**
     * Why the call will reach nobody, when {@link #answer} already says so: a number that sends
     * every call to voicemail, or a browser number whose agent is gone. Empty when it rings someone
     * (the {@code <Dial>}'s end tells) or plays what the number is for (a greeting, an AI stream).
     */
    public static Optional<MissedCall.Reason> reachesNobody(PhoneNumber number, Optional<Agent> agent) {
        return switch (number.routing().mode()) {
            case VOICEMAIL -> Optional.of(MissedCall.Reason.VOICEMAIL);
            case CLIENT -> agent.isEmpty() ? Optional.of(MissedCall.Reason.UNAVAILABLE) : Optional.empty();
            case FORWARD, STREAM, GREETING, FLOW -> Optional.empty();
        };
    }

    /** Voicemail after an unanswered {@code <Dial>}. */
    public Twiml voicemailAfterNoAnswer(Routing routing) {
        return voicemail(Twiml.response(),
                routing.voicemailGreeting() != null ? routing.voicemailGreeting() : NOBODY_AVAILABLE);
    }

    public static Twiml notInService() {
        return refuse(NOT_IN_SERVICE);
    }

    public static Twiml hangup() {
        return Twiml.response().add(Voice.hangup());
    }

    public static Twiml refuse(String message) {
        return Twiml.response().add(Voice.say(message)).add(Voice.hangup());
    }

    private Twiml dial(Routing routing, String caller) {
        Twiml dial = Voice.dial()
                .attribute("timeout", routing.timeoutSeconds())
                .attribute("action", url(WebhookPaths.DIAL_COMPLETE))
                .attribute("method", "POST");
        if (PhoneNumbers.isE164(caller)) {
            dial.attribute("callerId", caller);
        }
        if (routing.record()) {
            dial.attribute("record", "record-from-answer-dual")
                    .attribute("recordingStatusCallback", url(WebhookPaths.RECORDING))
                    .attribute("recordingStatusCallbackMethod", "POST")
                    .attribute("recordingStatusCallbackEvent", Voice.RECORDING_EVENTS);
        }
        return dial;
    }

    /**
     * The phone or browser the {@code <Dial>} rings, asking Twilio to tell the status webhook when
     * it answers: the caller's call has its status callback (the number's) only when it is over, so
     * without this an agent who picks up would be seen only at the end. The callback is the dialed
     * leg's, with the caller's call as its ParentCallSid.
     */
    private Twiml dialed(Twiml noun) {
        return noun.attribute("statusCallbackEvent", DIALED_EVENTS)
                .attribute("statusCallback", url(WebhookPaths.STATUS))
                .attribute("statusCallbackMethod", "POST");
    }

    private Twiml voicemail(Twiml response, String prompt) {
        // <Record> requests its action when it ends (without one Twilio would request this
        // document's URL again and answer the caller from the top): the voicemail webhook makes
        // the voicemail and says goodbye. The same webhook hears the recording's callbacks; the
        // transcription comes to its own.
        return response.add(Voice.say(prompt))
                .add(Voice.record()
                        .attribute("action", url(WebhookPaths.VOICEMAIL))
                        .attribute("method", "POST")
                        .attribute("maxLength", MAX_VOICEMAIL_SECONDS)
                        .attribute("playBeep", true)
                        .attribute("recordingStatusCallback", url(WebhookPaths.VOICEMAIL))
                        .attribute("recordingStatusCallbackMethod", "POST")
                        .attribute("recordingStatusCallbackEvent", Voice.RECORDING_EVENTS)
                        .attribute("transcribe", true)
                        .attribute("transcribeCallback", url(WebhookPaths.TRANSCRIPTION)));
    }

    private static Twiml greet(Twiml response, String greeting) {
        return greeting == null ? response : response.add(Voice.say(greeting));
    }

    private String url(String path) {
        return publicBaseUrl + path;
    }
}
