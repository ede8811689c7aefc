package dev.switchboard.voice.flow;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.wiring.FlowsWiring;
import dev.switchboard.shared.flows.run.FlowAnswer;
import dev.switchboard.shared.flows.run.FlowCall;
import dev.switchboard.shared.flows.run.FlowState;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.twiml.Twiml;
import dev.switchboard.shared.twiml.Voice;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookRejected;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.util.Optional;

/**
 * A flow goes on: a menu's {@code <Gather>} answered ({@code phase=gather}: Digits, SpeechResult,
 * or nothing) or a ring group's {@code <Dial>} ended ({@code phase=dialed}: DialCallStatus). Where
 * the call stands comes back in the URL Switchboard gave (signed by Twilio with the rest), so a
 * repeated request gets the same answer and records nothing twice.
 */
public final class FlowSteps implements Webhook {
    private static final Log LOG = Log.of(FlowSteps.class);

    private final FlowsWiring.Runner runner;
    private final Clock clock;

    public FlowSteps(FlowsWiring.Runner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String callSid = hook.required("CallSid");
        String phase = hook.queryParam("phase").orElseThrow(() -> WebhookRejected.badRequest("Missing phase"));
        FlowState state;
        try {
            state = FlowState.decode(hook.queryParam("s").orElse(null));
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.badRequest("The flow state is not one Switchboard gave: " + e.getMessage());
        }
        FlowCall call = new FlowCall(hook.tenantId(), callSid, hook.param("From").orElse(""),
                hook.param("To").or(() -> hook.param("Called")).orElse(""), clock.instant(), hook.baseUrl());
        Optional<Flow> flow = runner.loader().flow(hook.tenantId(), state.flowId());
        if (flow.isEmpty()) {
            LOG.warn("the call's flow is gone; the call ends", "callSid", callSid, "flowId", state.flowId());
            return WebhookResponse.twiml(Twiml.response()
                    .add(Voice.say("Sorry, this line has changed. Please call again.")).add(Voice.hangup()));
        }
        var engine = runner.engine(hook.tenantId());
        boolean gone = "completed".equals(hook.param("CallStatus").orElse(""));
        FlowAnswer answer = gone && (phase.equals("gather") || phase.equals("dialed"))
                ? engine.hungUp(flow.get(), state, call) : switch (phase) {
            case "gather" -> engine.gathered(flow.get(), state, call, hook.param("Digits").orElse(null),
                    hook.param("SpeechResult").orElse(null));
            case "dialed" -> engine.dialed(flow.get(), state, call, hook.required("DialCallStatus"));
            default -> throw WebhookRejected.badRequest("Unknown phase " + phase);
        };
        // With the state it answered: two silences at one menu are two requests, not a repeat of one.
        var params = new java.util.LinkedHashMap<>(hook.params());
        params.put("FlowState", hook.queryParam("s").orElse(""));
        var entry = new CallEvent(callSid, hook.tenantId(), phase.equals("gather") ? "flow-gather" : "flow-dial",
                null, call.now(), params);
        Outcome outcome = runner.recorder().record(call, hook.accountSid(), state.flowId(), answer, Optional.of(entry));
        switch (outcome) {
            case FOREIGN -> LOG.warn("flow request for a call not of this account; ignored", "callSid", callSid);
            case REPEAT -> LOG.info("repeated flow request; answered again", "callSid", callSid, "step", state.step());
            default -> LOG.info("flow step", "callSid", callSid, "flowId", state.flowId(), "node", state.node(),
                    "phase", phase, "steps", answer.steps().size());
        }
        return WebhookResponse.twiml(answer.twiml());
    }
}
