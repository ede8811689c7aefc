package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.events.DomainEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outbound messages to send later: written scheduled, found due by the sweep, taken for sending
 * by one sender, and then sent (see {@link Messages#accepted}), failed, or given back.
 */
public interface ScheduledMessages {

    /**
     * A scheduled message taken for sending, as it was when taken. When it was taken back from
     * sending that never finished, the attempts that may have reached Twilio held their claims
     * from {@code firstAttemptAt} to {@code lastAttemptAt}; both are null when it was still
     * scheduled.
     */
    record Claimed(Message message, Instant firstAttemptAt, Instant lastAttemptAt) {
        public boolean takenBack() {
            return lastAttemptAt != null;
        }
    }

    /** A scheduled message the sweep found due. */
    record Due(String tenantId, String messageId, Instant sendAt, MessageStatus status, Instant claimedAt) {
    }

    /** An outbound message to send at its sendAt. */
    void schedule(Message outbound);

    /** Scheduled (and stuck sending) messages whose sendAt is at or before {@code until}. */
    List<Due> due(Instant until, int limit);

    /**
     * Takes a scheduled message for sending: one sweep, one sender, wins. Or, with {@code stuckBefore},
     * takes back one whose sending was claimed before it and never finished.
     */
    Optional<Claimed> claim(String tenantId, String messageId, Instant now, Instant stuckBefore);

    /**
     * A message Twilio has, found for a claimed message whose sending got no answer: its SID, if no
     * other message of the tenant holds it ({@link Outcome#APPLIED}), with the conversation's
     * activity; no longer due. {@link Outcome#FOREIGN}: another message holds the SID, nothing
     * written. {@link Outcome#REPEAT}: the message has a SID already or is no longer being sent.
     */
    Outcome attribute(Message claimed, String messageSid);

    /** The send failed for good: failed with Twilio's code, with the event; no longer due. */
    void failedToSend(Message claimed, String errorCode, String errorMessage, DomainEvent event);

    /** Twilio did not take it and said so (throttled, down): scheduled again, for the next sweep. */
    void release(Message claimed);
}
