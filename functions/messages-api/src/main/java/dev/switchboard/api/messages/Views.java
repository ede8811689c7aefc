package dev.switchboard.api.messages;

import dev.switchboard.shared.messaging.Conversation;
import dev.switchboard.shared.messaging.Message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's answers about messages and conversations (docs/openapi.yaml). */
final class Views {
    private Views() {
    }

    /**
     * @param url for an outbound item the URL Twilio fetched; for an inbound one a 15-minute link to
     *            its copy in S3, on the message's own page only, once stored
     */
    record MediaView(int index, String contentType, String url, boolean stored, Long bytes) {
    }

    /** @param callbacks every status callback Twilio sent for it, as sent, oldest first (message page only) */
    record MessageView(String id, String conversationId, String messageSid, String direction, String from, String to,
                       String body, List<MediaView> media, String status, String errorCode, String errorMessage,
                       String contactId, Instant createdAt, Instant sendAt, Instant sentAt, Instant deliveredAt,
                       List<Map<String, String>> callbacks) {
    }

    record MessagesPage(List<MessageView> items, String nextCursor) {
    }

    record ConversationView(String id, String number, String party, Conversation.LastMessage lastMessage,
                            Instant lastActivityAt, long unreadCount, boolean optedOut) {
        static ConversationView of(Conversation c) {
            return new ConversationView(c.id(), c.number(), c.party(), c.lastMessage(), c.lastActivityAt(),
                    c.unreadCount(), c.optedOut());
        }
    }

    record ConversationsPage(List<ConversationView> items, String nextCursor) {
    }

    static MessageView message(Message m, java.util.function.Function<String, String> link,
                               List<Map<String, String>> callbacks) {
        List<MediaView> media = m.media().stream().map(i -> new MediaView(i.index(), i.contentType(),
                m.direction() == Message.Direction.OUTBOUND ? i.url() : i.key() == null ? null : link.apply(i.key()),
                i.key() != null, i.bytes())).toList();
        return new MessageView(m.id(), m.conversationId(), m.messageSid(), m.direction().wire(), m.from(), m.to(),
                m.body(), media, m.status().wire(), m.errorCode(), m.errorMessage(), m.contactId(), m.createdAt(),
                m.sendAt(), m.sentAt(), m.deliveredAt(), callbacks);
    }
}
