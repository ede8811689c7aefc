package dev.switchboard.voice.voicemail;

import dev.switchboard.shared.twiml.Twiml;
import dev.switchboard.shared.twiml.Voice;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.twilio.CallLimits;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.recordings.VoicemailInbox;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.recordings.RecordingCallbacks;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookRejected;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The end of a voicemail {@code <Record>}. Its action request makes the voicemail (status new:
 * from, to, agent, duration) with the {@code voicemail.received} event and thanks the caller; a
 * caller who hung up before the beep left nothing, and no voicemail is made. Its recording status
 * callbacks come here too and are kept as for any recording.
 */
public final class Voicemails implements Webhook {
    private static final Log LOG = Log.of(Voicemails.class);
    private static final Pattern RECORDING_SID = Pattern.compile("RE[0-9a-f]{32}");
    static final String THANKS = "Thank you for your message. Goodbye.";

    private final Calls calls;
    private final VoicemailInbox voicemails;
    private final RecordingCallbacks recordings;
    private final Clock clock;

    public Voicemails(Calls calls, VoicemailInbox voicemails, RecordingCallbacks recordings, Clock clock) {
        this.calls = calls;
        this.voicemails = voicemails;
        this.recordings = recordings;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        if (hook.param("RecordingStatus").isPresent()) {
            return recordings.handle(hook);
        }
        String callSid = hook.required("CallSid");
        var recordingUrl = hook.param("RecordingUrl");
        int duration = hook.wholeNumber("RecordingDuration", CallLimits.MAX_DURATION_SECONDS).orElse(0L).intValue();
        if (recordingUrl.isEmpty() || duration == 0) {
            LOG.info("no voicemail: the caller hung up before the beep", "callSid", callSid);
            return goodbye();
        }
        String recordingSid = hook.param("RecordingSid").orElseGet(() -> recordingUrl.get()
                .substring(recordingUrl.get().lastIndexOf('/') + 1));
        if (!RECORDING_SID.matcher(recordingSid).matches()) {
            throw WebhookRejected.badRequest("RecordingSid is not a Twilio Recording SID");
        }
        var call = calls.get(hook.tenantId(), callSid);
        String from = call.map(c -> c.from()).orElse(hook.param("From").orElse(""));
        String to = call.map(c -> c.to()).orElse(hook.param("To").orElse(""));
        // A flow's voicemail box names whose inbox it is in its action URL (signed with the rest);
        // else the number's agent.
        String agentId = hook.queryParam("agentId").filter(a -> a.matches("[A-Za-z0-9_-]{1,64}"))
                .orElseGet(() -> call.map(c -> c.agentId()).orElse(null));
        var now = clock.instant();
        var outcome = voicemails.left(new VoicemailInbox.Left(callSid, hook.tenantId(), hook.accountSid(),
                        recordingSid, recordingUrl.get(), duration, from, to, agentId),
                new CallEvent(callSid, hook.tenantId(), "voicemail", null, now, hook.params()),
                DomainEvent.of(hook.tenantId(), "voicemail|" + callSid, now,
                        new EventPayload.VoicemailReceived(callSid, recordingSid, from, to, agentId, duration)));
        if (outcome == Outcome.FOREIGN) {
            LOG.warn("voicemail for a call not of this account; ignored", "callSid", callSid,
                    "accountSid", hook.accountSid());
        } else {
            LOG.info("voicemail", "callSid", callSid, "recordingSid", recordingSid, "outcome", outcome.name());
        }
        return goodbye();
    }

    private static WebhookResponse goodbye() {
        return WebhookResponse.twiml(Twiml.response().add(Voice.say(THANKS)).add(Voice.hangup()));
    }
}
