package dev.switchboard.shared.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * The opt-out rule, in one place for every way a message is sent (the API, now or scheduled, and
 * the scheduler at send time): a party who opted out of any of a tenant's senders gets nothing
 * from the tenant, from any of its numbers or Messaging Services, until they opt back in.
 *
 * <p>A party opts out by texting an opt-out keyword to any of the tenant's numbers (through a
 * Messaging Service or not), or is found out when Twilio refuses a send with 21610; they opt back
 * in by texting START, YES or UNSTOP to any of them. The last word counts.
 *
 * <p>Why the whole tenant, when Twilio blocks only the number (or the service) the STOP reached: a
 * STOP is a person asking a business to stop, not one of its phone numbers; Switchboard cannot see
 * which numbers a service holds, so a narrower rule would let a send through a service reach
 * someone who said STOP to one of its numbers; and a rule stricter than the carrier's can only
 * send less. Twilio's block stays where it is: to lift it too, the party texts START to the
 * number they texted STOP to (a 21610 from there marks them out again).
 */
public final class OptOuts {
    private final MessageStore messages;

    public OptOuts(MessageStore messages) {
        this.messages = messages;
    }

    /** The party's opt-out, when it bars every send from the tenant to them. */
    public Optional<MessageStore.OptOut> barring(String tenantId, String party) {
        return messages.optOut(tenantId, party).filter(MessageStore.OptOut::optedOut);
    }

    /** What a keyword does to the party's state: out (STOP), in (START), or nothing. */
    public static Optional<Boolean> change(Optional<Keyword> keyword) {
        return keyword.filter(k -> k != Keyword.HELP).map(k -> k == Keyword.STOP);
    }

    /** Twilio refused a send from {@code sender} with 21610: the party is out, for every sender. */
    public void refusedByTwilio(String tenantId, String sender, String party, Instant now) {
        messages.setOptedOut(tenantId, sender, party, true, now,
                MessageEvents.refusedAsOptedOut(tenantId, sender, party, now));
    }

    /** Why a send to the party is refused, in words for the API's answer and the message's error. */
    public static String refusal(MessageStore.OptOut optOut) {
        return optOut.party() + " has opted out of this tenant's messages"
                + (optOut.number() == null ? "" : " (through " + optOut.number() + ")")
                + "; nothing is sent to them from any number or Messaging Service until they text START";
    }
}
