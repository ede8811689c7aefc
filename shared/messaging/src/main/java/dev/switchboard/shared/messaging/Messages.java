package dev.switchboard.shared.messaging;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.store.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tenant's messages, inbound and outbound, and their delivery state. Every change that reports
 * an event writes the event with it, in one transaction (docs/data-model.md, docs/events.md).
 */
public interface Messages {

    record StatusResult(Outcome outcome, Message message) {
    }

    /**
     * An inbound message: the message, its conversation (one more unread), the party opted out of
     * the tenant's messages or back in when {@code optedOut} says so (see {@link OptOuts}), and its
     * events, at once. Claimed by its id, which the tenant and MessageSid make: a redelivery is a
     * {@link Outcome#REPEAT} that writes nothing.
     */
    Outcome received(Message inbound, Optional<Boolean> optedOut, List<DomainEvent> events);

    /** Switchboard's id of the tenant's outbound message with this SID. */
    Optional<String> messageIdOf(String tenantId, String messageSid);

    /**
     * A status callback for one of the tenant's outbound messages: the status only moves forward
     * (see {@link MessageProgress}); an error code and the times sent and delivered are kept whatever
     * the order; every callback goes into the message's timeline, and a duplicate is a
     * {@link Outcome#REPEAT}. A callback for a message that does not exist, or is inbound, is
     * {@link Outcome#UNKNOWN} and writes nothing: no callback creates a message. The first callback
     * of a message that has no SID yet (Twilio's answer is late or lost) gives it its SID, unless
     * another of the tenant's messages holds it ({@link Outcome#FOREIGN}, nothing written).
     */
    StatusResult applyStatus(MessageCallback callback, Function<Message, DomainEvent> changed);

    /** The message's timeline: every status callback, oldest first. */
    List<Map<String, String>> timeline(String tenantId, String messageId);

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

    Optional<Message> get(String tenantId, String messageId);

    /**
     * Cancels a scheduled message, with {@code event}. Empty when there is no such message;
     * otherwise the message as it now is: canceled, or still what it was when it was past canceling.
     */
    Optional<Message> cancel(String tenantId, String messageId, Instant now, DomainEvent event);

    /** A conversation's messages, newest first. */
    Page<Message> list(String tenantId, String conversationId, String cursor, int limit);

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
