package dev.switchboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.MessageStore;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.events.DomainEvent;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Copies every media item of an inbound MMS into the tenant's private S3 space, under the rules
 * recordings follow: fetched with the owning account's credentials from Twilio's own hosts only,
 * streamed, counted, retried by the queue, then the dead-letter queue. Each lands at
 * {@code tenants/{tenantId}/messages/{MessageSid}/{N}.{ext}}, and once all are there the message
 * lists them, with {@code message.media-stored}. A retry copies again what an earlier try left
 * (the same keys, overwritten); the message is marked once.
 */
public final class MessageMediaCopies implements MessageHandler {
    private static final Log LOG = Log.of(MessageMediaCopies.class);
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/jpg", "jpg"), Map.entry("image/png", "png"),
            Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"), Map.entry("image/bmp", "bmp"),
            Map.entry("image/heic", "heic"), Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"),
            Map.entry("video/quicktime", "mov"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/amr", "amr"), Map.entry("audio/ogg", "ogg"), Map.entry("audio/wav", "wav"),
            Map.entry("text/vcard", "vcf"), Map.entry("text/x-vcard", "vcf"), Map.entry("text/plain", "txt"),
            Map.entry("text/calendar", "ics"), Map.entry("application/pdf", "pdf"));

    private final MessageStore messages;
    private final RecordingCopies.Credentials credentials;
    private final TwilioMedia twilio;
    private final MultipartCopy s3;
    private final Clock clock;

    public MessageMediaCopies(MessageStore messages, RecordingCopies.Credentials credentials, TwilioMedia twilio,
                              MultipartCopy s3, Clock clock) {
        this.messages = messages;
        this.credentials = credentials;
        this.twilio = twilio;
        this.s3 = s3;
        this.clock = clock;
    }

    static String key(String tenantId, String messageSid, int index, String contentType) {
        return "tenants/" + tenantId + "/messages/" + messageSid + "/" + index + "." + extension(contentType);
    }

    static String extension(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(type, "bin");
    }

    @Override
    public void handle(QueueMessage queued) throws Exception {
        JsonNode event = Json.MAPPER.readTree(queued.body());
        String tenantId = event.path("tenantId").asText();
        JsonNode payload = event.path("payload");
        if (payload.path("numMedia").asInt(0) == 0) {
            return;
        }
        String messageId = payload.path("messageId").asText();
        Message m = messages.get(tenantId, messageId).orElse(null);
        if (m == null) {
            LOG.warn("no such message to copy media of", "tenantId", tenantId, "messageId", messageId);
            return;
        }
        if (m.mediaStoredAt() != null) {
            LOG.info("message media already stored", "messageId", messageId);
            return;
        }
        for (Message.MediaItem item : m.media()) {
            if (!twilio.isTwilio(URI.create(item.url()))) {
                // A forged MediaUrl: no request, let alone a tenant's token.
                LOG.error("media URL is not Twilio's; refused", null, "tenantId", tenantId, "messageId", messageId,
                        "host", URI.create(item.url()).getHost());
                return;
            }
        }
        String token = credentials.authToken(tenantId, m.accountSid()).orElse(null);
        if (token == null) {
            LOG.warn("the message's account is no longer connected; media not copied", "tenantId", tenantId,
                    "accountSid", m.accountSid());
            return;
        }
        List<Message.MediaItem> stored = new ArrayList<>();
        for (Message.MediaItem item : m.media()) {
            var download = twilio.fetch(URI.create(item.url()), m.accountSid(), token);
            String type = item.contentType() != null ? item.contentType() : download.contentType();
            String key = key(tenantId, m.messageSid(), item.index(), type);
            long bytes = s3.copy(download.body(), download.length(), key, type, "message-media");
            stored.add(item.stored(key, bytes));
        }
        Instant now = clock.instant();
        var outcome = messages.mediaStored(tenantId, messageId, stored, now, event(m, stored, now));
        LOG.info("message media stored", "tenantId", tenantId, "messageId", messageId, "items", stored.size(),
                "outcome", outcome.name());
    }

    private static DomainEvent event(Message m, List<Message.MediaItem> stored, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", m.id());
        payload.put("conversationId", m.conversationId());
        payload.put("messageSid", m.messageSid());
        payload.put("media", stored.stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", i.index());
            item.put("contentType", i.contentType());
            item.put("key", i.key());
            item.put("bytes", i.bytes());
            return item;
        }).toList());
        return DomainEvent.of(DomainEvent.MESSAGE_MEDIA_STORED, m.tenantId(), "media|" + m.id(), now, payload);
    }
}
