package dev.switchboard.shared.messaging;

import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.events.DomainEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Messages, their conversations and their delivery state. Every change that reports an event
 * writes the event with it, in one transaction (docs/data-model.md, docs/events.md).
 */
public interface MessageStore {

    enum Outcome {
        /** The change was made, with its event. */
        APPLIED,
        /** Older than what is kept: only its facts (error code, times) and its log entry were kept. */
        STALE,
        /** The same delivery again: nothing was written. */
        REPEAT,
        /** Another tenant's or account's message, or another Twilio message's callback: nothing was written. */
        FOREIGN,
        /** No message Switchboard sent has this id: nothing was written. */
        UNKNOWN
    }

    record StatusResult(Outcome outcome, Message message) {
    }

    /**
     * Whether a party has opted out of the tenant's messages: one state for all the tenant's
     * senders, last changed through {@code number} (see {@link OptOuts}).
     */
    record OptOut(String tenantId, String party, boolean optedOut, String number, Instant changedAt) {
    }

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

    /**
     * An inbound message: the message, its conversation (one more unread), the party opted out of
     * the tenant's messages or back in when {@code optedOut} says so, and its events, at once.
     * Claimed by its id, which the tenant and MessageSid make: a redelivery is a
     * {@link Outcome#REPEAT} that writes nothing.
     */
    Outcome received(Message inbound, Optional<Boolean> optedOut, List<DomainEvent> events);

    /** Claims the conversation's auto-reply: false when one went out within {@code window}. */
    boolean claimAutoReply(String tenantId, String conversationId, Instant now, Duration window);

    /** Switchboard's id of the tenant's outbound message with this SID. */
    Optional<String> messageIdOf(String tenantId, String messageSid);

    /**
     * A status callback for one of the tenant's outbound messages: the status only moves forward
     * (see {@link MessageStatus}); an error code and the times sent and delivered are kept whatever
     * the order; every callback goes into the message's log, and a duplicate is a
     * {@link Outcome#REPEAT}. A callback for a message that does not exist, or is inbound, is
     * {@link Outcome#UNKNOWN} and writes nothing: no callback creates a message. The first callback
     * of a message that has no SID yet (Twilio's answer is late or lost) gives it its SID, unless
     * another of the tenant's messages holds it ({@link Outcome#FOREIGN}, nothing written).
     */
    StatusResult applyStatus(MessageCallback callback, Function<Message, DomainEvent> changed);

    /** The message's log: every status callback, oldest first. */
    List<Map<String, String>> log(String tenantId, String messageId);

    /**
     * An outbound message about to be handed to Twilio, written before Twilio is asked: its status
     * callbacks name it, and one may get here before Twilio's answer does.
     */
    void outgoing(Message outbound);

    /**
     * An outbound message Twilio did not take (it refused, or said it did not take it now): removed,
     * so that a refused send leaves nothing. One that has a SID after all is kept.
     */
    void discard(Message outbound);

    /**
     * Twilio took the message and answered with its SID: the message with its SID (and the number a
     * Messaging Service chose), no longer due, and the conversation's last activity. Callbacks that
     * got here first have moved its status already; it is left as they left it.
     */
    void accepted(Message outbound);

    /** An outbound message to send at its sendAt. */
    void schedule(Message outbound);

    Optional<Message> get(String tenantId, String messageId);

    /**
     * Cancels a scheduled message, with {@code event}. Empty when there is no such message;
     * otherwise the message as it now is: canceled, or still what it was when it was past canceling.
     */
    Optional<Message> cancel(String tenantId, String messageId, Instant now, DomainEvent event);

    /** A conversation's messages, newest first. */
    Page<Message> messages(String tenantId, String conversationId, String cursor, int limit);

    /** The tenant's conversations, most recent activity first. */
    Page<Conversation> conversations(String tenantId, String cursor, int limit);

    Optional<Conversation> conversation(String tenantId, String conversationId);

    /** @return false when the tenant has no such conversation */
    boolean markRead(String tenantId, String conversationId, Instant now);

    /**
     * Opts the party in or out of the tenant's messages, through {@code number} (Twilio's 21610
     * from it says out), with the event; REPEAT when it already was.
     */
    Outcome setOptedOut(String tenantId, String number, String party, boolean optedOut, Instant now,
                        DomainEvent event);

    /** The party's opt-out state with the tenant; empty if they never opted either way. */
    Optional<OptOut> optOut(String tenantId, String party);

    // --- Scheduled messages ----------------------------------------------------------------------

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

    /** Every media item of an inbound message copied: where each lies, with the event; once. */
    Outcome mediaStored(String tenantId, String messageId, List<Message.MediaItem> media, Instant now,
                        DomainEvent event);

    /**
     * The media worker gave up copying an inbound message's media, which stays at Twilio: why
     * ({@code reason}, a code, and {@code detail}, in words), with the event; once, and never after
     * the media was stored ({@link Outcome#REPEAT}).
     */
    Outcome mediaCopyFailed(String tenantId, String messageId, String reason, String detail, Instant now,
                            DomainEvent event);
}
