package dev.switchboard.shared.messaging;

import dev.switchboard.shared.store.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's conversations: one per (tenant, our number or Messaging Service, the other party),
 * made and moved on by the messages written to it ({@link Messages}), each showing its newest
 * message, how many inbound ones are unread, and whether the party opted out ({@link OptOuts}).
 */
public interface Conversations {

    /** The tenant's conversations, most recent activity first. */
    Page<Conversation> list(String tenantId, String cursor, int limit);

    Optional<Conversation> get(String tenantId, String conversationId);

    /** @return false when the tenant has no such conversation */
    boolean markRead(String tenantId, String conversationId, Instant now);

    /** Claims the conversation's auto-reply: false when one went out within {@code window}. */
    boolean claimAutoReply(String tenantId, String conversationId, Instant now, Duration window);
}
