package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps what a flow did on the call: each step of its path, an {@code ivr.selection} for each
 * menu left and an {@code ivr.hours} for each schedule consulted, with the webhook that led to
 * them, in one write. Event ids come from the CallSid and the step, both signed by Twilio (the step travels in the signed URL), so a repeated request
 * records nothing twice.
 */
public record FlowRecorder(Calls calls) {

    public Outcome record(FlowCall call, String accountSid, String flowId, FlowAnswer answer,
                          Optional<CallEvent> logEntry) {
        Instant now = call.now();
        List<Calls.FlowStep> steps = answer.steps().stream()
                .map(s -> new Calls.FlowStep(s.step(), s.node(), s.type(), s.branch(), now)).toList();
        List<DomainEvent> events = new ArrayList<>();
        // A schedule's verdict, so after-hours calls can be counted (docs/metrics.md).
        answer.steps().stream().filter(s -> "hours".equals(s.type()))
                .map(s -> DomainEvent.of(call.tenantId(), call.callSid() + "#hours#" + s.step(), now,
                        new EventPayload.IvrHours(call.callSid(), call.from(), call.to(), flowId, s.node(), s.step(),
                                s.branch())))
                .forEach(events::add);
        answer.selections().stream()
                .map(s -> DomainEvent.of(call.tenantId(), call.callSid() + "#ivr#" + s.step(), now,
                        new EventPayload.IvrSelection(call.callSid(), call.from(), call.to(), flowId, s.menu(), s.step(),
                                s.choice(), s.label(), s.digits(), s.speech(), s.next())))
                .forEach(events::add);
        if (steps.isEmpty() && logEntry.isEmpty()) {
            return Outcome.APPLIED;
        }
        return calls.flowSteps(call.tenantId(), accountSid, call.callSid(), steps, logEntry, events);
    }
}
