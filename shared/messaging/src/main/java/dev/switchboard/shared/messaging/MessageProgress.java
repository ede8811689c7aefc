package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;

/**
 * The rule that decides what a status callback does to an outbound message, and the message it
 * leaves. Twilio sends the callbacks as separate requests with no ordering guarantee: the status
 * only moves forward ({@link MessageStatus#supersedes}), while the facts a callback carries (an
 * error code, when it was sent, when delivered) are kept whatever the order, and an error code is
 * never erased by a callback without one.
 *
 * <p>Decided here once, in plain Java: the store reads the message, this decides, and the store
 * commits only if the message's status is still what it read (else it reads again).
 */
public final class MessageProgress {
    private MessageProgress() {
    }

    /**
     * What a status callback does to the message as stored.
     *
     * @param moves    the callback's status replaces the stored one
     * @param attaches the message had no SID yet (Twilio's answer is late or lost): the callback,
     *                 which names the message, gives it its SID
     */
    public record Change(boolean moves, boolean attaches, Message after) {
    }

    /** The message after {@code callback}; {@code before} is the stored message, found and its own. */
    public static Change apply(Message before, MessageCallback callback) {
        boolean moves = callback.status().supersedes(before.status());
        boolean attaches = before.messageSid() == null;
        Message b = before;
        Message after = new Message(b.id(), b.tenantId(), b.accountSid(), b.conversationId(), b.direction(),
                attaches ? callback.messageSid() : b.messageSid(), b.number(), b.party(), b.from(), b.to(),
                b.body(), b.media(), moves ? callback.status() : b.status(),
                or(callback.errorCode(), b.errorCode()), or(callback.errorMessage(), b.errorMessage()),
                b.contactId(), b.createdAt(), b.sendAt(),
                b.sentAt() == null && callback.status() == MessageStatus.SENT ? callback.receivedAt() : b.sentAt(),
                b.deliveredAt() == null && callback.status() == MessageStatus.DELIVERED
                        ? callback.receivedAt() : b.deliveredAt(),
                b.mediaStoredAt());
        return new Change(moves, attaches, after);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
