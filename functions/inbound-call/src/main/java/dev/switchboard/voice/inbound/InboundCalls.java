package dev.switchboard.voice.inbound;

import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.wiring.FlowsWiring;
import dev.switchboard.shared.flows.run.FlowAnswer;
import dev.switchboard.shared.flows.run.FlowCall;
import dev.switchboard.shared.tenancy.RoutingMode;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.voice.CallStarts;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.Directory;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.voice.CallAnswers;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.util.Optional;

/**
 * Answers a call to one of a tenant's numbers: records the call, announces it, and routes it by
 * the number's routing. A repeated delivery is answered the same way and records nothing.
 */
public final class InboundCalls implements Webhook {
    private static final Log LOG = Log.of(InboundCalls.class);

    private final Directory directory;
    private final CallStarts starts;
    private final FlowsWiring.Runner flows;
    private final Clock clock;

    public InboundCalls(Directory directory, Calls calls, FlowsWiring.Runner flows, Clock clock) {
        this.directory = directory;
        this.starts = new CallStarts(calls, clock);
        this.flows = flows;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String callSid = hook.required("CallSid");
        String called = hook.param("Called").orElseGet(() -> hook.required("To"));
        String caller = hook.param("From").orElse(hook.param("Caller").orElse(""));

        // A number of another tenant is no number at all to this one: its routing is not ours to see.
        Optional<PhoneNumber> owned = directory.number(called).filter(n -> n.tenantId().equals(hook.tenantId()))
                // Signed by the account that owns the number, not a sibling account of the tenant.
                .filter(n -> n.accountSid().equals(hook.accountSid()));
        if (owned.isEmpty()) {
            LOG.warn("call to a number no tenant routes", "callSid", callSid, "accountSid", hook.accountSid(),
                    "called", called);
            return WebhookResponse.twiml(CallAnswers.notInService());
        }
        PhoneNumber number = owned.get();
        Optional<Agent> agent = Optional.ofNullable(number.agentId())
                .flatMap(id -> directory.agent(number.tenantId(), id));

        var outcome = starts.record(hook, new Calls.Answered(callSid, hook.tenantId(), hook.accountSid(), CallDirection.INBOUND,
                caller, called, number.agentId(), number.routing().mode().wireName(), CallStarts.status(hook)),
                CallAnswers.reachesNobody(number, agent));
        if (number.routing().mode() == RoutingMode.FLOW) {
            return flow(hook, number, caller, outcome);
        }
        return WebhookResponse.twiml(new CallAnswers(hook.baseUrl()).answer(number, agent, callSid, caller));
    }

    /** A number answered by one of the tenant's flows: its start, and the steps taken until it waits. */
    private WebhookResponse flow(VerifiedWebhook hook, PhoneNumber number, String caller, Outcome started) {
        String flowId = number.routing().flowRef(number.phoneNumber());
        Optional<Flow> flow = flows.loader().flow(hook.tenantId(), flowId);
        if (flow.isEmpty()) {
            LOG.warn("number routed to a flow that is gone", "called", number.phoneNumber(), "flowId", flowId);
            return WebhookResponse.twiml(CallAnswers.refuse(CallAnswers.UNAVAILABLE));
        }
        FlowCall call = new FlowCall(hook.tenantId(), hook.required("CallSid"), caller, number.phoneNumber(),
                clock.instant(), hook.baseUrl());
        FlowAnswer answer = flows.engine(hook.tenantId()).start(flow.get(), call);
        // A repeated delivery is answered again, and its steps written if the first left them out
        // (each step is put once: the ones there stay as they are).
        if (started != Outcome.FOREIGN) {
            flows.recorder().record(call, hook.accountSid(), flowId, answer, Optional.empty());
        }
        return WebhookResponse.twiml(answer.twiml());
    }
}
