package dev.switchboard.shared.messaging;

import dev.switchboard.shared.events.DomainEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Who opted out of a tenant's messages, and the opt-out rule, in one place for every way a message
 * is sent (the API, now or scheduled, the scheduler at send time, the auto-reply): a party who
 * opted out of any of a tenant's senders gets nothing from the tenant, from any of its numbers or
 * Messaging Services, until they opt back in.
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
public interface OptOuts {

    /**
     * Whether a party has opted out of the tenant's messages: one state for all the tenant's
     * senders, last changed through {@code number}.
     */
    record OptOut(String tenantId, String party, boolean optedOut, String number, Instant changedAt) {
    }

    /**
     * Opts the party in or out of the tenant's messages, through {@code number} (Twilio's 21610
     * from it says out), with the event; REPEAT when it already was. (A keyword is written with
     * the inbound message that carries it: {@link Messages#received}.)
     */
    Outcome setOptedOut(String tenantId, String number, String party, boolean optedOut, Instant now,
                        DomainEvent event);

    /** The party's opt-out state with the tenant; empty if they never opted either way. */
    Optional<OptOut> optOut(String tenantId, String party);

    /** Which of these parties have opted out of the tenant's messages (a page of conversations' worth). */
    Set<String> optedOut(String tenantId, Collection<String> parties);

    /** The party's opt-out, when it bars every send from the tenant to them. */
    default Optional<OptOut> barring(String tenantId, String party) {
        return optOut(tenantId, party).filter(OptOut::optedOut);
    }

    /** Twilio refused a send from {@code sender} with 21610: the party is out, for every sender. */
    default void refusedByTwilio(String tenantId, String sender, String party, Instant now) {
        setOptedOut(tenantId, sender, party, true, now, MessageEvents.refusedAsOptedOut(tenantId, sender, party, now));
    }

    /** What a keyword does to the party's state: out (STOP), in (START), or nothing. */
    static Optional<Boolean> change(Optional<Keyword> keyword) {
        return keyword.filter(k -> k != Keyword.HELP).map(k -> k == Keyword.STOP);
    }

    /** Why a send to the party is refused, in words for the API's answer and the message's error. */
    static String refusal(OptOut optOut) {
        return optOut.party() + " has opted out of this tenant's messages"
                + (optOut.number() == null ? "" : " (through " + optOut.number() + ")")
                + "; nothing is sent to them from any number or Messaging Service until they text START";
    }
}
