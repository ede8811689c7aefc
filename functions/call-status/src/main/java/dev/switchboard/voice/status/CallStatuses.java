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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tracks a call through its status callbacks, which Twilio sends as separate requests in no
 * guaranteed order: the status moves only forward (see CallProgress), every callback lands in
 * the call's event log, and a callback for a call never seen creates it.
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
        Long sequence = hook.wholeNumber("SequenceNumber", CallLimits.MAX_SEQUENCE_NUMBER).orElse(null);
        Integer duration = hook.wholeNumber("CallDuration", CallLimits.MAX_DURATION_SECONDS).map(Long::intValue)
                .orElse(null);
        StatusCallback callback = new StatusCallback(callSid, hook.tenantId(), hook.accountSid(),
                CallDirection.fromTwilio(hook.param("Direction").orElse(null)), hook.param("From").orElse(null),
                hook.param("To").orElse(null), status, sequence,
                hook.param("Timestamp").map(CallStatuses::rfc2822).orElse(null), duration, hook.params());

        // The event's id comes from what Twilio signed: the CallSid and the callback's place in the call.
        String cause = callSid + "#" + (sequence != null ? "seq:" + sequence : statusText);
        Instant now = clock.instant();
        Calls.StatusResult result = calls.applyStatus(callback,
                new CallEvent(callSid, hook.tenantId(), "status", sequence, now, hook.params()),
                call -> DomainEvent.of(hook.tenantId(), cause, now, payload(callback, call)));
        if (result.outcome() == Outcome.FOREIGN) {
            LOG.warn("status callback for another tenant's call; ignored", "callSid", callSid,
                    "accountSid", hook.accountSid());
        }
        return WebhookResponse.emptyTwiml();
    }

    private static EventPayload payload(StatusCallback callback, Call call) {
        return new EventPayload.CallStatusChanged(callback.callSid(), callback.status().wire(),
                callback.sequenceNumber(), CallDirection.wireOf(call.direction()), call.from(), call.to(), call.agentId(), call.answeredAt(),
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
