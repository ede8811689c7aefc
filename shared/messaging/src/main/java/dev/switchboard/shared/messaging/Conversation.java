package dev.switchboard.shared.messaging;

import java.time.Instant;

/**
 * A tenant's thread with one party on one of its numbers (or Messaging Services): every message
 * between them, the last one, how many inbound ones are unread, and whether the party has opted
 * out of the tenant's messages (from any of its senders: see {@link OptOuts}).
 */
public record Conversation(String id, String tenantId, String number, String party, LastMessage lastMessage,
                           Instant lastActivityAt, long unreadCount, boolean optedOut) {

    /** The newest message, as the conversation list shows it. */
    public record LastMessage(String messageId, String direction, String body, int numMedia, Instant at) {
    }
}
