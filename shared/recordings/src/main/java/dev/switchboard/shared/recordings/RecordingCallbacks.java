package dev.switchboard.shared.recordings;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.twilio.CallLimits;
import dev.switchboard.shared.twilio.RecordingStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookRejected;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A recording status callback (in-progress, completed, absent, failed), for every recording
 * Switchboard starts: the recording's state on its call, forward only, the callback in the call's
 * log, and for completed the {@code recording.completed} event that schedules its copy. Signed by
 * the account that owns the call; a duplicate or a late callback changes nothing.
 */
public final class RecordingCallbacks implements Webhook {
    private static final Log LOG = Log.of(RecordingCallbacks.class);

    private final Recordings recordings;
    private final Clock clock;

    public RecordingCallbacks(Recordings recordings, Clock clock) {
        this.recordings = recordings;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String callSid = hook.required("CallSid");
        // Its shape, like the status's and the URL's, is checked for every webhook (TwilioParameters).
        String recordingSid = hook.required("RecordingSid");
        String wire = hook.required("RecordingStatus");
        RecordingStatus status = RecordingStatus.fromWire(wire)
                .orElseThrow(() -> WebhookRejected.badRequest("Unknown RecordingStatus " + wire));
        Integer duration = hook.wholeNumber("RecordingDuration", CallLimits.MAX_DURATION_SECONDS)
                .map(Long::intValue).orElse(null);
        Integer channels = hook.wholeNumber("RecordingChannels", 2).map(Long::intValue).orElse(null);
        String source = hook.param("RecordingSource").orElse(null);
        String errorCode = hook.param("ErrorCode").filter(code -> !code.equals("0")).orElse(null);
        var now = clock.instant();
        DomainEvent event = null;
        if (status == RecordingStatus.COMPLETED) {
            event = DomainEvent.of(hook.tenantId(), "recording|" + recordingSid, now,
                    new EventPayload.RecordingCompleted(callSid, recordingSid, hook.accountSid(), duration, channels,
                            source));
        }
        var outcome = recordings.changed(new Recordings.Update(callSid, hook.tenantId(), hook.accountSid(),
                        recordingSid, status, source, duration, channels, hook.param("RecordingUrl").orElse(null),
                        errorCode),
                new CallEvent(callSid, hook.tenantId(), "recording", null, now, hook.params()), event);
        switch (outcome) {
            case FOREIGN -> LOG.warn("recording callback for a call not of this account; ignored", "callSid", callSid,
                    "recordingSid", recordingSid, "accountSid", hook.accountSid());
            case STALE -> LOG.info("recording callback older than the state kept", "recordingSid", recordingSid,
                    "status", wire);
            default -> LOG.info("recording callback", "callSid", callSid, "recordingSid", recordingSid, "status", wire,
                    "outcome", outcome.name());
        }
        return WebhookResponse.emptyTwiml();
    }
}
