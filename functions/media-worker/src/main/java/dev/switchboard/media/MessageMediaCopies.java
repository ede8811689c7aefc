package dev.switchboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.Messages;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.events.EventPayloads;

import java.io.IOException;
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
 * streamed within the {@link CopyLimits#messageMedia() limits} of a message's media (5 MiB in all,
 * none empty, the length Twilio announced, a deadline for the whole read), retried by the queue.
 * Each lands at {@code tenants/{tenantId}/messages/{MessageSid}/{N}.{ext}}, and once all are there
 * the message lists them, with {@code message.media-stored}. A retry copies again what an earlier
 * try left (the same keys, overwritten); the message is marked once.
 *
 * <p>When Twilio's side fails on the queue's last receive, or a media URL can never work, the
 * media is left at Twilio, what this try copied is removed, and the failure is reported on the
 * message with {@code message.media-copy-failed}, once; S3 and DynamoDB failures are thrown to the
 * dead-letter queue (see {@link RecordingCopies}).
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

    private final Messages messages;
    private final RecordingCopies.Credentials credentials;
    private final TwilioMedia twilio;
    private final MultipartCopy s3;
    private final Clock clock;

    public MessageMediaCopies(Messages messages, RecordingCopies.Credentials credentials, TwilioMedia twilio,
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
        var received = EventPayloads.messageReceived(event.path("payload"));
        if (received.numMedia() == 0) {
            return;
        }
        String messageId = received.messageId();
        Message m = messages.get(tenantId, messageId).orElse(null);
        if (m == null) {
            LOG.warn("no such message to copy media of", "tenantId", tenantId, "messageId", messageId);
            return;
        }
        if (m.mediaStoredAt() != null) {
            LOG.info("message media already stored", "messageId", messageId);
            return;
        }
        List<String> copied = new ArrayList<>();
        try {
            List<Message.MediaItem> stored = copyAll(m, copied);
            Instant now = clock.instant();
            var outcome = messages.mediaStored(tenantId, messageId, stored, now, event(m, stored, now));
            LOG.info("message media stored", "tenantId", tenantId, "messageId", messageId, "items", stored.size(),
                    "outcome", outcome.name());
        } catch (CopyFault fault) {
            // Nothing half-copied stays behind; a retry copies every item again.
            remove(tenantId, messageId, copied);
            if (!fault.reason().permanent() && queued.receiveCount() < RecordingCopies.ATTEMPTS) {
                throw fault;
            }
            reportFailure(m, fault, queued.receiveCount());
        } catch (Exception e) {
            remove(tenantId, messageId, copied);
            throw e;
        }
    }

    /**
     * The items an unfinished try copied; S3 failing here too leaves them to the next try's
     * overwrite. The keys are the message's own, so a copy that counts may stand at them: one
     * that a concurrent delivery of the same job stored, or this try's own when its write
     * committed but the answer was lost. Those stay.
     */
    private void remove(String tenantId, String messageId, List<String> copied) {
        try {
            if (copied.isEmpty() || messages.get(tenantId, messageId).map(Message::mediaStoredAt).isPresent()) {
                return;
            }
        } catch (RuntimeException e) {
            // Unknown whether they count: left for the next try to overwrite or to count.
            LOG.warn("an unfinished copy's items left in place", "messageId", messageId, "reason", e.getMessage());
            return;
        }
        for (String key : copied) {
            try {
                s3.delete(key);
            } catch (RuntimeException e) {
                LOG.warn("an item of an unfinished copy not removed", "key", key, "reason", e.getMessage());
            }
        }
    }

    /** @param copied each key this try wrote, as it is written */
    private List<Message.MediaItem> copyAll(Message m, List<String> copied) throws IOException, InterruptedException {
        List<URI> urls = new ArrayList<>();
        for (Message.MediaItem item : m.media()) {
            URI url = TwilioMedia.url(item.url());
            if (!twilio.isTwilio(url)) {
                // A forged MediaUrl: no request, let alone a tenant's token.
                throw new CopyFault(CopyFault.Reason.URL_REFUSED, "media " + item.index()
                        + "'s URL is not on Twilio's API host: " + url.getHost());
            }
            urls.add(url);
        }
        String token = credentials.authToken(m.tenantId(), m.accountSid()).orElseThrow(() -> new CopyFault(
                CopyFault.Reason.ACCOUNT_DISCONNECTED, "the message's Twilio account " + m.accountSid()
                        + " is no longer connected"));
        // One budget for the whole message: Twilio's limit is on a message's media, not an item's.
        CopyBudget budget = CopyLimits.messageMedia().start();
        List<Message.MediaItem> stored = new ArrayList<>();
        for (Message.MediaItem item : m.media()) {
            var download = twilio.fetch(urls.get(stored.size()), m.accountSid(), token, budget);
            String type = item.contentType() != null ? item.contentType() : download.contentType();
            String key = key(m.tenantId(), m.messageSid(), item.index(), type);
            try (var body = download.body()) {
                budget.checkAnnounced(download.length());
                long bytes = s3.copy(body, key, type, "message-media", n -> budget.checkCopied(n, download.length()));
                copied.add(key);
                stored.add(item.stored(key, bytes));
            }
        }
        return stored;
    }

    private void reportFailure(Message m, CopyFault fault, int attempts) {
        Instant now = clock.instant();
        var outcome = messages.mediaCopyFailed(m.tenantId(), m.id(), fault.reason().code(), fault.getMessage(), now,
                DomainEvent.of(m.tenantId(), "media-copy-failed|" + m.id(), now, new EventPayload.MessageMediaCopyFailed(
                        m.id(), m.conversationId(), m.messageSid(), fault.reason().code(), fault.getMessage(),
                        attempts)));
        LOG.warn("message media not copied; left at Twilio and reported", "tenantId", m.tenantId(), "messageId",
                m.id(), "reason", fault.reason().code(), "detail", fault.getMessage(), "attempts", attempts,
                "outcome", outcome.name());
    }

    private static DomainEvent event(Message m, List<Message.MediaItem> stored, Instant now) {
        return DomainEvent.of(m.tenantId(), "media|" + m.id(), now, new EventPayload.MessageMediaStored(m.id(),
                m.conversationId(), m.messageSid(), stored.stream().map(i -> new EventPayload.StoredMedia(i.index(),
                        i.contentType(), i.key(), i.bytes())).toList()));
    }
}
