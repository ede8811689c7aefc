package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;

import java.time.Instant;
import java.util.List;

/**
 * One SMS or MMS of a tenant's conversation, inbound or outbound.
 *
 * @param id                 Switchboard's id: derived from the MessageSid for an inbound message (so a
 *                           redelivery is the same message), random for an outbound one
 * @param messageSid         Twilio's SID; null while an outbound message is scheduled
 * @param number             our side of the conversation: the tenant's number, or the Messaging
 *                           Service that sends for it
 * @param party              the other side: who the message is from or to
 * @param media              every media item, in Twilio's order
 * @param sendAt             when a scheduled message is to be sent; null otherwise
 */
public record Message(String id, String tenantId, String accountSid, String conversationId, Direction direction,
                      String messageSid, String number, String party, String from, String to, String body,
                      List<MediaItem> media, MessageStatus status, String errorCode, String errorMessage,
                      String contactId, Instant createdAt, Instant sendAt, Instant sentAt, Instant deliveredAt,
                      Instant mediaStoredAt) {

    public enum Direction {
        INBOUND, OUTBOUND;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A media item. Inbound: Twilio's URL and type, then where its copy lies in S3 once stored.
     * Outbound: the https URL the tenant gave, which Twilio fetches itself.
     */
    public record MediaItem(int index, String url, String contentType, String key, Long bytes) {
        /** An item Twilio holds, at {@code url}, not copied yet. */
        public static MediaItem atTwilio(int index, String url, String contentType) {
            return new MediaItem(index, url, contentType, null, null);
        }

        public MediaItem stored(String storedKey, long storedBytes) {
            return new MediaItem(index, url, contentType, storedKey, storedBytes);
        }
    }

    public Message {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /**
     * A message a party sent to one of the tenant's numbers, as Twilio delivered it.
     *
     * @param number the tenant's number it reached
     * @param party  who sent it
     */
    public static Message inbound(String id, String tenantId, String accountSid, String conversationId,
                                  String messageSid, String number, String party, String body, List<MediaItem> media,
                                  Instant receivedAt) {
        return new Message(id, tenantId, accountSid, conversationId, Direction.INBOUND, messageSid, number, party,
                party, number, body, media, MessageStatus.RECEIVED, null, null, null, receivedAt, null, null, null,
                null);
    }

    /**
     * A message the tenant's app asked to send, before Twilio has it: queued, or scheduled for
     * {@code sendAt}.
     *
     * @param from the sender the app chose, or null when a Messaging Service chooses
     */
    public static Message outbound(String id, String tenantId, String accountSid, String conversationId,
                                   String number, String party, String from, String body, List<MediaItem> media,
                                   String contactId, Instant createdAt, Instant sendAt) {
        return new Message(id, tenantId, accountSid, conversationId, Direction.OUTBOUND, null, number, party, from,
                party, body, media, sendAt != null ? MessageStatus.SCHEDULED : MessageStatus.QUEUED, null, null,
                contactId, createdAt, sendAt, null, null, null);
    }

    public Message withStatus(MessageStatus next) {
        return new Message(id, tenantId, accountSid, conversationId, direction, messageSid, number, party, from, to,
                body, media, next, errorCode, errorMessage, contactId, createdAt, sendAt, sentAt, deliveredAt,
                mediaStoredAt);
    }

    public Message withError(String code, String message) {
        return new Message(id, tenantId, accountSid, conversationId, direction, messageSid, number, party, from, to,
                body, media, status, code, message, contactId, createdAt, sendAt, sentAt, deliveredAt, mediaStoredAt);
    }

    /** Twilio has it: its SID, and who it went from when a Messaging Service chose. */
    public Message withSid(String sid, String sentFrom) {
        return new Message(id, tenantId, accountSid, conversationId, direction, sid, number, party,
                from != null ? from : sentFrom, to, body, media, status, errorCode, errorMessage, contactId, createdAt,
                sendAt, sentAt, deliveredAt, mediaStoredAt);
    }
}
