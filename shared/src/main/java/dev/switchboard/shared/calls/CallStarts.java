package dev.switchboard.shared.calls;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPublisher;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.webhook.VerifiedWebhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The start of a call that a webhook answered (inbound, or from a browser): the call recorded,
 * the webhook in its event log, and {@code call.started} published. Run once per delivery.
 */
public final class CallStarts {
    private static final Log LOG = Log.of(CallStarts.class);

    private final CallStore calls;
    private final EventPublisher events;
    private final Clock clock;

    public CallStarts(CallStore calls, EventPublisher events, Clock clock) {
        this.calls = calls;
        this.events = events;
        this.clock = clock;
    }

    /** @return false when the CallSid belongs to another tenant: then nothing was written */
    public boolean record(VerifiedWebhook hook, CallStore.Answered call) {
        if (calls.answered(call) == CallStore.Outcome.FOREIGN) {
            LOG.warn("CallSid already belongs to another tenant; not recorded", "callSid", call.callSid(),
                    "accountSid", hook.accountSid());
            return false;
        }
        var now = clock.instant();
        calls.appendEvent(new CallEvent(call.callSid(), call.tenantId(), call.direction(), null, now, hook.params()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("callSid", call.callSid());
        payload.put("accountSid", call.accountSid());
        payload.put("direction", call.direction());
        payload.put("from", call.from());
        payload.put("to", call.to());
        payload.put("agentId", call.agentId());
        payload.put("routing", call.routing());
        events.publish(DomainEvent.of(DomainEvent.CALL_STARTED, call.tenantId(), call.callSid(), now, payload));
        LOG.info("call started", "callSid", call.callSid(), "tenantId", call.tenantId(), "direction", call.direction(),
                "routing", call.routing());
        return true;
    }

    /** The status the webhook reports, ringing when it reports none. */
    public static CallStatus status(VerifiedWebhook hook) {
        return hook.param("CallStatus").flatMap(CallStatus::fromWire).orElse(CallStatus.RINGING);
    }
}
