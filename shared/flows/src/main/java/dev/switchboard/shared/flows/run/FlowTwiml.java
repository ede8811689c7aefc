package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.config.WebhookPaths;
import dev.switchboard.shared.flows.Menu;
import dev.switchboard.shared.flows.MenuChoice;
import dev.switchboard.shared.flows.VoicemailBox;
import dev.switchboard.shared.twiml.Twiml;
import dev.switchboard.shared.twiml.Voice;
import dev.switchboard.shared.twilio.PhoneNumbers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The TwiML of a flow's nodes: the menu's {@code <Gather>}, the ring group's {@code <Dial>}, the
 * voicemail box's {@code <Record>}. Every action comes back to the flow webhook with the call's
 * {@link FlowState} in its URL.
 */
final class FlowTwiml {
    static final String DEFAULT_VOICEMAIL_PROMPT = "Please leave a message after the tone.";
    static final String NOT_UNDERSTOOD = "Sorry, that is not one of the choices.";
    /** Twilio's limit is 4 hours; a voicemail longer than 5 minutes is a pocket dial (as CallAnswers). */
    static final int MAX_VOICEMAIL_SECONDS = 300;

    private final FlowCall call;

    FlowTwiml(FlowCall call) {
        this.call = call;
    }

    java.time.Instant now() {
        return call.now();
    }

    /**
     * The menu's prompt in a {@code <Gather>} whose action comes back whatever the caller did
     * (actionOnEmptyResult), so that no input is counted by the flow, not by Twilio going on.
     */
    Twiml gather(Menu menu, FlowState state, String before) {
        boolean speech = menu.options().stream().anyMatch(o -> !o.keywords().isEmpty());
        Twiml gather = Voice.gather()
                .attribute("input", speech ? "dtmf speech" : "dtmf")
                .attribute("timeout", menu.timeoutSeconds())
                .attribute("action", url("gather", state))
                .attribute("method", "POST")
                .attribute("actionOnEmptyResult", true);
        Integer digits = MenuChoice.numDigits(menu);
        if (digits != null) {
            gather.attribute("numDigits", digits);
        }
        if (speech) {
            gather.attribute("hints", MenuChoice.hints(menu)).attribute("speechTimeout", "auto")
                    .attribute("language", "en-US");
        }
        // An apology and the prompt it replays are one prompt, as the validator's bound counts them.
        return gather.add(Voice.say(before == null ? menu.prompt() : before + " " + menu.prompt()));
    }

    /** The phones and browsers of a ring, all at once or the one whose turn it is. */
    Twiml dial(List<FlowWorld.Dialable> targets, String phone, int timeoutSeconds, boolean record, FlowState state) {
        Twiml dial = Voice.dial()
                .attribute("timeout", timeoutSeconds)
                .attribute("action", url("dialed", state))
                .attribute("method", "POST");
        if (PhoneNumbers.isE164(call.from())) {
            dial.attribute("callerId", call.from());
        }
        if (record) {
            dial.attribute("record", "record-from-answer-dual")
                    .attribute("recordingStatusCallback", call.baseUrl() + WebhookPaths.RECORDING)
                    .attribute("recordingStatusCallbackMethod", "POST")
                    .attribute("recordingStatusCallbackEvent", Voice.RECORDING_EVENTS);
        }
        if (phone != null) {
            dial.add(answered(Voice.number(phone)));
        }
        for (FlowWorld.Dialable target : targets) {
            dial.add(answered(target.phone() != null ? Voice.number(target.phone()) : Voice.client(target.clientIdentity())));
        }
        return dial;
    }

    /** As every ringing Switchboard starts: Twilio reports the answer, so the call shows it live. */
    private Twiml answered(Twiml noun) {
        return noun.attribute("statusCallbackEvent", "answered")
                .attribute("statusCallback", call.baseUrl() + WebhookPaths.STATUS)
                .attribute("statusCallbackMethod", "POST");
    }

    /** The box's prompt and a {@code <Record>} whose action is the voicemail webhook, as a number's voicemail. */
    List<Twiml> voicemail(VoicemailBox box) {
        String action = call.baseUrl() + WebhookPaths.VOICEMAIL
                + (box.agentId() == null ? "" : "?agentId=" + URLEncoder.encode(box.agentId(), StandardCharsets.UTF_8));
        return List.of(Voice.say(box.prompt() != null ? box.prompt() : DEFAULT_VOICEMAIL_PROMPT),
                Voice.record()
                        .attribute("action", action)
                        .attribute("method", "POST")
                        .attribute("maxLength", MAX_VOICEMAIL_SECONDS)
                        .attribute("playBeep", true)
                        .attribute("recordingStatusCallback", call.baseUrl() + WebhookPaths.VOICEMAIL)
                        .attribute("recordingStatusCallbackMethod", "POST")
                        .attribute("recordingStatusCallbackEvent", Voice.RECORDING_EVENTS)
                        .attribute("transcribe", true)
                        .attribute("transcribeCallback", call.baseUrl() + WebhookPaths.TRANSCRIPTION));
    }

    Twiml stream(String url, String agentId) {
        return Voice.connect(Voice.stream(url)
                .add(Voice.parameter("tenantId", call.tenantId()))
                .add(Voice.parameter("agentId", agentId == null ? "" : agentId))
                .add(Voice.parameter("callSid", call.callSid())));
    }

    private String url(String phase, FlowState state) {
        return call.baseUrl() + WebhookPaths.FLOW + "?phase=" + phase + "&s=" + state.encode();
    }
}
