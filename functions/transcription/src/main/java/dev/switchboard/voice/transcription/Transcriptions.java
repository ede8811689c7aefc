package dev.switchboard.voice.transcription;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.recordings.VoicemailInbox;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A voicemail's transcription, completed (its text kept on the voicemail) or failed. It may come
 * before the voicemail itself, after it, or twice: the first is kept, with one
 * {@code voicemail.transcribed} event.
 */
public final class Transcriptions implements Webhook {
    private static final Log LOG = Log.of(Transcriptions.class);

    private final VoicemailInbox voicemails;
    private final Clock clock;

    public Transcriptions(VoicemailInbox voicemails, Clock clock) {
        this.voicemails = voicemails;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String callSid = hook.required("CallSid");
        // completed or failed: TwilioParameters holds every webhook to Twilio's values.
        String status = hook.required("TranscriptionStatus");
        boolean completed = status.equals("completed");
        String text = hook.param("TranscriptionText").orElse(completed ? "" : null);
        var now = clock.instant();
        var outcome = voicemails.transcribed(callSid, hook.tenantId(), hook.accountSid(), completed, text,
                new CallEvent(callSid, hook.tenantId(), "transcription", null, now, hook.params()),
                DomainEvent.of(hook.tenantId(), "transcription|" + callSid, now, new EventPayload.VoicemailTranscribed(
                        callSid, hook.param("RecordingSid").orElse(null), status, completed ? text : null)));
        if (outcome == Outcome.FOREIGN) {
            LOG.warn("transcription for a call not of this account; ignored", "callSid", callSid,
                    "accountSid", hook.accountSid());
        } else {
            LOG.info("transcription", "callSid", callSid, "status", status, "outcome", outcome.name());
        }
        return WebhookResponse.emptyTwiml();
    }
}
