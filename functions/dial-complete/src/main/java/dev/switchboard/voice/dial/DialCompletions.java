package dev.switchboard.voice.dial;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.twilio.CallLimits;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.calls.MissedCall;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.Directory;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.voice.CallAnswers;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The end of a {@code <Dial>}: records how it went, and sends an unanswered caller to voicemail
 * where the number has it, else hangs up.
 */
public final class DialCompletions implements Webhook {
    private static final Log LOG = Log.of(DialCompletions.class);
    static final Set<String> UNANSWERED = Set.of("no-answer", "busy", "failed", "canceled");

    private final Directory directory;
    private final Calls calls;
    private final Clock clock;

    public DialCompletions(Directory directory, Calls calls, Clock clock) {
        this.directory = directory;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String callSid = hook.required("CallSid");
        String dialStatus = hook.required("DialCallStatus");
        String dialCallSid = hook.param("DialCallSid").orElse(null);
        Integer duration = hook.wholeNumber("DialCallDuration", CallLimits.MAX_DURATION_SECONDS)
                .map(Long::intValue).orElse(null);

        Optional<PhoneNumber> number = UNANSWERED.contains(dialStatus) ? numberCalled(hook) : Optional.empty();
        // The number's voicemail, if nobody answered and it has one: where the caller goes next.
        Optional<PhoneNumber> voicemail = number.filter(n -> n.routing().voicemail());
        // A caller who rang one of the tenant's numbers missed someone; an agent's own call from the
        // browser (the same <Dial action>) did not.
        boolean inbound = UNANSWERED.contains(dialStatus) && calls.get(hook.tenantId(), callSid)
                .filter(call -> call.direction() == CallDirection.INBOUND).isPresent();
        Optional<DomainEvent> missed = !inbound ? Optional.empty() : MissedCall.afterDial(dialStatus, voicemail.isPresent())
                .map(reason -> new MissedCall(callSid, hook.tenantId(), hook.param("From").orElse(null),
                        hook.param("Called").or(() -> hook.param("To")).orElse(null),
                        number.map(PhoneNumber::agentId).orElse(null), reason, dialStatus).event(clock.instant()));
        var outcome = calls.dialEnded(callSid, hook.tenantId(), hook.accountSid(), dialStatus, dialCallSid, duration,
                new CallEvent(callSid, hook.tenantId(), "dial-complete", null, clock.instant(), hook.params()), missed);
        if (outcome == Outcome.FOREIGN) {
            LOG.warn("dial result for another tenant's call; ignored", "callSid", callSid);
        }
        if (voicemail.isPresent()) {
            return WebhookResponse.twiml(new CallAnswers(hook.baseUrl()).voicemailAfterNoAnswer(voicemail.get().routing()));
        }
        return WebhookResponse.twiml(CallAnswers.hangup());
    }

    /** The tenant's number the call came to, as this account holds it. */
    private Optional<PhoneNumber> numberCalled(VerifiedWebhook hook) {
        // Neither parameter (a malformed callback): no number, so no voicemail and no agent to blame.
        return hook.param("Called").or(() -> hook.param("To")).flatMap(directory::number)
                .filter(n -> n.tenantId().equals(hook.tenantId()) && n.accountSid().equals(hook.accountSid()));
    }

}
