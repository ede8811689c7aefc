package dev.switchboard.shared.voice;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.calls.MissedCall;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.webhook.VerifiedWebhook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The start of a call that a webhook answered (inbound, or from a browser): the call recorded,
 * the webhook in its event log and {@code call.started} in the outbox, in one write. A repeated
 * delivery writes nothing.
 */
public final class CallStarts {
    private static final Log LOG = Log.of(CallStarts.class);

    private final Calls calls;
    private final Clock clock;

    public CallStarts(Calls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** An inbound call: on the number called. */
    public Outcome record(VerifiedWebhook hook, Calls.Answered call, Optional<MissedCall.Reason> missed) {
        return record(hook, call, missed, call.to());
    }

    /**
     * @param missed why nobody will take the call, when its answer already says so (an inbound one)
     * @param number the tenant's number the call is on (a browser call's caller ID), or null
     */
    public Outcome record(VerifiedWebhook hook, Calls.Answered call, Optional<MissedCall.Reason> missed, String number) {
        var now = clock.instant();
        // The id is the CallSid's: Twilio signed it, and a call starts once.
        var event = DomainEvent.of(call.tenantId(), call.callSid(), now, new EventPayload.CallStarted(call.callSid(),
                call.accountSid(), CallDirection.wireOf(call.direction()), call.from(), call.to(), call.agentId(), call.routing(),
                number));
        List<DomainEvent> events = new ArrayList<>(List.of(event));
        missed.ifPresent(reason -> events.add(new MissedCall(call.callSid(), call.tenantId(), call.from(), call.to(),
                call.agentId(), reason, null).event(now)));
        var outcome = calls.started(call,
                new CallEvent(call.callSid(), call.tenantId(), CallDirection.wireOf(call.direction()), null, now, hook.params()), events);
        switch (outcome) {
            case FOREIGN -> LOG.warn("CallSid already belongs to another tenant; not recorded", "callSid",
                    call.callSid(), "accountSid", hook.accountSid());
            case REPEAT -> LOG.info("repeated delivery; already recorded", "callSid", call.callSid());
            default -> LOG.info("call started", "callSid", call.callSid(), "tenantId", call.tenantId(),
                    "direction", CallDirection.wireOf(call.direction()), "routing", call.routing(), "eventId", event.id());
        }
        return outcome;
    }

    /** The status the webhook reports, ringing when it reports none. */
    public static CallStatus status(VerifiedWebhook hook) {
        return hook.param("CallStatus").flatMap(CallStatus::fromWire).orElse(CallStatus.RINGING);
    }
}
