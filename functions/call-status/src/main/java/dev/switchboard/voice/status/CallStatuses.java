package dev.switchboard.voice.status;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.Call;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.twilio.CallLimits;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.calls.StatusCallback;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookRejected;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Tracks a call through its status callbacks, which Twilio sends as separate requests in no
 * guaranteed order: the status moves only forward (see CallProgress), every callback lands in
 * the call's event log, and a callback for a call never seen creates it. A dialed leg's callback
 * (with ParentCallSid) is about the caller's call, its parent.
 */
public final class CallStatuses implements Webhook {
    private static final Log LOG = Log.of(CallStatuses.class);

    private final Calls calls;
    private final Clock clock;

    public CallStatuses(Calls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String callSid = hook.required("CallSid");
        String statusText = hook.required("CallStatus");
        CallStatus status = CallStatus.fromWire(statusText)
                .orElseThrow(() -> WebhookRejected.badRequest("Unknown CallStatus " + statusText));
        Optional<String> parentSid = hook.param("ParentCallSid");
        if (parentSid.isPresent()) {
            return dialedLeg(hook, parentSid.get(), callSid, status);
        }
        Long sequence = hook.wholeNumber("SequenceNumber", CallLimits.MAX_SEQUENCE_NUMBER).orElse(null);
        Integer duration = hook.wholeNumber("CallDuration", CallLimits.MAX_DURATION_SECONDS).map(Long::intValue)
                .orElse(null);
        StatusCallback callback = new StatusCallback(callSid, hook.tenantId(), hook.accountSid(),
                CallDirection.fromTwilio(hook.param("Direction").orElse(null)), hook.param("From").orElse(null),
                hook.param("To").orElse(null), status, sequence, timestamp(hook), duration, hook.params());

        // The event's id comes from what Twilio signed: the CallSid and the callback's place in the call.
        String cause = callSid + "#" + (sequence != null ? "seq:" + sequence : statusText);
        apply(hook, callback, new CallEvent(callSid, hook.tenantId(), "status", sequence, clock.instant(),
                hook.params()), cause);
        return WebhookResponse.emptyTwiml();
    }

    /**
     * The status callback of the phone or browser a {@code <Dial>} rang (CallAnswers asks for its
     * answer): not a call of the tenant's own but a leg of the caller's, its ParentCallSid. Its
     * answer is the caller's call answered. Everything else it describes is the leg's: its
     * SequenceNumber counts the leg's own callbacks, and its Direction (outbound-dial), From and To
     * are the leg's, so none of them goes to the caller's call, and the status rank alone decides
     * (a call already over stays over, and only learns when it was answered). Any other status of
     * the leg (Twilio sends only what was asked for, but the TwiML may be someone else's) changes
     * nothing: the leg's end is the {@code <Dial action>}'s to tell.
     */
    private WebhookResponse dialedLeg(VerifiedWebhook hook, String parentSid, String legSid, CallStatus status) {
        if (status != CallStatus.IN_PROGRESS) {
            LOG.info("dialed leg's status callback other than its answer; ignored", "callSid", legSid,
                    "parentCallSid", parentSid, "callStatus", status.wire());
            return WebhookResponse.emptyTwiml();
        }
        StatusCallback callback = new StatusCallback(parentSid, hook.tenantId(), hook.accountSid(), null, null, null,
                status, null, timestamp(hook), null, hook.params());
        // Both sids and the status are signed: a repeated callback of the same leg is the same event.
        String cause = parentSid + "#leg:" + legSid + ":" + status.wire();
        apply(hook, callback, new CallEvent(parentSid, hook.tenantId(), "dialed-leg", null, clock.instant(),
                hook.params()), cause);
        return WebhookResponse.emptyTwiml();
    }

    private void apply(VerifiedWebhook hook, StatusCallback callback, CallEvent logEntry, String cause) {
        Instant now = logEntry.receivedAt();
        Calls.StatusResult result = calls.applyStatus(callback, logEntry,
                call -> DomainEvent.of(hook.tenantId(), cause, now, payload(callback, call)));
        if (result.outcome() == Outcome.FOREIGN) {
            LOG.warn("status callback for another tenant's call; ignored", "callSid", callback.callSid(),
                    "accountSid", hook.accountSid());
        }
    }

    private static Instant timestamp(VerifiedWebhook hook) {
        return hook.param("Timestamp").map(CallStatuses::rfc2822).orElse(null);
    }

    private static EventPayload payload(StatusCallback callback, Call call) {
        // The call as it stands after the callback: its status is the callback's when it moved the
        // call, and the latest one when a late callback only told when it was answered or ended.
        return new EventPayload.CallStatusChanged(callback.callSid(), call.status().wire(),
                call.sequenceNumber(), CallDirection.wireOf(call.direction()), call.from(), call.to(), call.agentId(), call.answeredAt(),
                call.endedAt(), call.durationSeconds());
    }


    /** Twilio's Timestamp is RFC 2822; an unreadable one falls back to the time received. */
    static Instant rfc2822(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
