package dev.switchboard.voice.outbound;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.voice.CallStarts;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.CallerIds;
import dev.switchboard.shared.tenancy.Directory;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.twilio.PhoneNumbers;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.voice.CallAnswers;
import dev.switchboard.shared.twiml.Twiml;
import dev.switchboard.shared.twiml.Voice;
import dev.switchboard.shared.config.WebhookPaths;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.util.Optional;

/**
 * A call placed from an agent's browser, through the tenant's TwiML App. Only an agent of the
 * tenant that owns that app may call: a phone number (with the agent's number, else the
 * tenant's first, as caller ID, recorded when that number records) or another agent's browser of
 * the same tenant. Anything else is refused out loud.
 */
public final class OutboundCalls implements Webhook {
    private static final Log LOG = Log.of(OutboundCalls.class);
    static final String NOT_ALLOWED = "Sorry, this call is not allowed.";
    static final String NO_CALLER_ID = "Sorry, there is no number to call from yet.";
    private static final String CLIENT = "client:";

    private final Directory directory;
    private final Numbers numbers;
    private final CallStarts starts;

    public OutboundCalls(Directory directory, Numbers numbers, Calls calls, Clock clock) {
        this.directory = directory;
        this.numbers = numbers;
        this.starts = new CallStarts(calls, clock);
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String callSid = hook.required("CallSid");
        String from = hook.param("From").orElse("");
        String to = hook.param("To").orElse("");
        String tenantId = hook.tenantId();

        boolean ownApp = directory.credentials(hook.accountSid()).map(Directory.Credentials::twimlAppSid)
                .filter(app -> app.equals(hook.param("ApplicationSid").orElse(null))).isPresent();
        Optional<Agent> caller = from.startsWith(CLIENT) && ownApp
                ? directory.agentByClientIdentity(tenantId, from.substring(CLIENT.length())) : Optional.empty();
        if (caller.isEmpty()) {
            LOG.warn("browser call refused: not an agent of this tenant's app", "callSid", callSid,
                    "accountSid", hook.accountSid());
            return WebhookResponse.twiml(CallAnswers.refuse(NOT_ALLOWED));
        }
        Agent agent = caller.get();
        Twiml dial = Voice.dial()
                .attribute("action", hook.baseUrl() + WebhookPaths.DIAL_COMPLETE).attribute("method", "POST");
        // The tenant's number the call goes out on: the caller ID a phone sees (none to another agent).
        String number = null;
        if (PhoneNumbers.isE164(to)) {
            Optional<PhoneNumber> callerId = CallerIds.forAgent(numbers, tenantId, agent.id());
            if (callerId.isEmpty()) {
                return WebhookResponse.twiml(CallAnswers.refuse(NO_CALLER_ID));
            }
            number = callerId.get().phoneNumber();
            dial.attribute("callerId", number).add(Voice.number(to));
            // Recorded when the number it goes out on records its calls.
            if (callerId.get().routing().record()) {
                dial.attribute("record", "record-from-answer-dual")
                        .attribute("recordingStatusCallback", hook.baseUrl() + WebhookPaths.RECORDING)
                        .attribute("recordingStatusCallbackMethod", "POST")
                        .attribute("recordingStatusCallbackEvent", Voice.RECORDING_EVENTS);
            }
        } else if (to.startsWith(CLIENT)
                && directory.agentByClientIdentity(tenantId, to.substring(CLIENT.length())).isPresent()) {
            dial.attribute("callerId", from).add(Voice.client(to.substring(CLIENT.length())));
        } else {
            LOG.warn("browser call refused: destination", "callSid", callSid, "tenantId", tenantId);
            return WebhookResponse.twiml(CallAnswers.refuse(NOT_ALLOWED));
        }
        record(hook, agent, callSid, from, to, number);
        return WebhookResponse.twiml(Twiml.response().add(dial));
    }

    private void record(VerifiedWebhook hook, Agent agent, String callSid, String from, String to, String number) {
        starts.record(hook, new Calls.Answered(callSid, hook.tenantId(), hook.accountSid(), CallDirection.OUTBOUND, from, to,
                agent.id(), null, CallStarts.status(hook)), Optional.empty(), number);
    }
}
