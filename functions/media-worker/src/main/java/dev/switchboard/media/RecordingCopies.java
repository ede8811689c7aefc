package dev.switchboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.calls.CallStore;
import dev.switchboard.shared.calls.Recording;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.tenancy.RecordingSettings;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a completed recording into the tenant's private S3 space, once:
 * {@code tenants/{tenantId}/calls/{CallSid}/recordings/{RecordingSid}.mp3} (or .wav, as the tenant
 * chose), fetched with the
 * owning account's credentials from Twilio's own hosts only, streamed, its bytes counted, then
 * marked stored on the call with {@code recording.stored}.
 *
 * <p>Twilio answers 404 for a while after a recording completes, and may fail or time out: each
 * is thrown, and the queue brings the message back later; after its maxReceiveCount it goes to
 * the dead-letter queue. A recording already stored is not copied again; a RecordingUrl that is
 * not Twilio's is refused, logged, and never retried.
 */
public final class RecordingCopies implements MessageHandler {
    private static final Log LOG = Log.of(RecordingCopies.class);

    /** How the tenant keeps its recordings. */
    @FunctionalInterface
    public interface Settings {
        RecordingSettings of(String tenantId);
    }

    /** An account's credentials, opened only when a copy needs them. */
    @FunctionalInterface
    public interface Credentials {
        Optional<String> authToken(String tenantId, String accountSid);
    }

    private final CallStore calls;
    private final Settings settings;
    private final Credentials credentials;
    private final TwilioMedia twilio;
    private final MultipartCopy s3;
    private final Clock clock;

    public RecordingCopies(CallStore calls, Settings settings, Credentials credentials, TwilioMedia twilio,
                           MultipartCopy s3, Clock clock) {
        this.calls = calls;
        this.settings = settings;
        this.credentials = credentials;
        this.twilio = twilio;
        this.s3 = s3;
        this.clock = clock;
    }

    static String key(String tenantId, String callSid, String recordingSid, String format) {
        return "tenants/" + tenantId + "/calls/" + callSid + "/recordings/" + recordingSid + "." + format;
    }

    @Override
    public void handle(QueueMessage message) throws Exception {
        JsonNode event = Json.MAPPER.readTree(message.body());
        String tenantId = event.path("tenantId").asText();
        JsonNode payload = event.path("payload");
        String callSid = payload.path("callSid").asText();
        String recordingSid = payload.path("recordingSid").asText();
        String accountSid = payload.path("accountSid").asText();
        Optional<Recording> recording = calls.recordings(tenantId, callSid).stream()
                .filter(r -> r.recordingSid().equals(recordingSid)).findFirst();
        if (recording.isEmpty() || recording.get().recordingUrl() == null) {
            LOG.warn("no such recording to copy", "tenantId", tenantId, "callSid", callSid, "recordingSid", recordingSid);
            return;
        }
        if (recording.get().stored()) {
            LOG.info("recording already stored", "recordingSid", recordingSid);
            return;
        }
        RecordingSettings kept = settings.of(tenantId);
        URI media = URI.create(recording.get().recordingUrl() + "." + kept.format());
        if (!twilio.isTwilio(media)) {
            // A forged callback: its URL gets no request, let alone a tenant's token.
            LOG.error("recording URL is not Twilio's; refused", null, "tenantId", tenantId, "recordingSid", recordingSid,
                    "host", media.getHost());
            return;
        }
        String token = credentials.authToken(tenantId, accountSid).orElse(null);
        if (token == null) {
            LOG.warn("the recording's account is no longer connected; not copied", "tenantId", tenantId,
                    "accountSid", accountSid);
            return;
        }
        var download = twilio.fetch(media, accountSid, token);
        String key = key(tenantId, callSid, recordingSid, kept.format());
        long bytes = s3.copy(download.body(), download.length(), key, kept.contentType());
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("callSid", callSid);
        stored.put("recordingSid", recordingSid);
        stored.put("key", key);
        stored.put("bytes", bytes);
        stored.put("contentType", kept.contentType());
        var outcome = calls.recordingStored(tenantId, callSid, recordingSid, key, bytes,
                DomainEvent.of(DomainEvent.RECORDING_STORED, tenantId, "stored|" + recordingSid, clock.instant(), stored));
        LOG.info("recording stored", "tenantId", tenantId, "recordingSid", recordingSid, "bytes", bytes,
                "outcome", outcome.name());
        if (kept.deleteAtTwilio()) {
            // Only after the copy is complete and counted: the tenant asked for one copy, its own.
            twilio.delete(URI.create(recording.get().recordingUrl() + ".json"), accountSid, token);
            LOG.info("recording deleted at Twilio", "tenantId", tenantId, "recordingSid", recordingSid);
        }
    }
}
