package dev.switchboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.recordings.Recordings;
import dev.switchboard.shared.recordings.Recording;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.events.EventPayloads;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.tenancy.RecordingSettings;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a completed recording into the tenant's private S3 space, once:
 * {@code tenants/{tenantId}/calls/{CallSid}/recordings/{RecordingSid}.mp3} (or .wav, as the tenant
 * chose), fetched with the owning account's credentials from Twilio's own hosts only, streamed
 * within the {@link CopyLimits} of its duration and format, and verified (not empty, the length
 * Twilio announced, plausible) before it becomes visible; then marked stored on the call with
 * {@code recording.stored}. Only then, if the tenant asked, is the recording deleted at Twilio.
 *
 * <p>A copy that fails on Twilio's side (404 for a while after a recording completes, 5xx, a bad
 * or slow body) is thrown, and the queue brings the message back later. On the last of the queue's
 * receives it is not thrown: the recording is left at Twilio and the failure reported on it with
 * {@code recording.copy-failed}, once. A URL that can never work (malformed, not Twilio's) and a
 * disconnected account are reported at once. What fails on Switchboard's side (S3, DynamoDB) is
 * thrown on every receive and ends in the dead-letter queue, for the operator. A recording
 * already stored is not copied again; one the tenant deleted is dropped quietly.
 */
public final class RecordingCopies implements MessageHandler {
    private static final Log LOG = Log.of(RecordingCopies.class);
    /** MediaQueue's maxReceiveCount in template.yaml (a test holds them equal): the last receive. */
    public static final int ATTEMPTS = 10;

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

    private final Recordings recordings;
    private final Settings settings;
    private final Credentials credentials;
    private final TwilioMedia twilio;
    private final MultipartCopy s3;
    private final Clock clock;

    public RecordingCopies(Recordings recordings, Settings settings, Credentials credentials, TwilioMedia twilio,
                           MultipartCopy s3, Clock clock) {
        this.recordings = recordings;
        this.settings = settings;
        this.credentials = credentials;
        this.twilio = twilio;
        this.s3 = s3;
        this.clock = clock;
    }

    static String key(String tenantId, String callSid, String recordingSid, String format) {
        return "tenants/" + tenantId + "/calls/" + callSid + "/recordings/" + recordingSid + "." + format;
    }

    /** What the job is about, from its recording.completed event. */
    private record Job(String tenantId, String callSid, String recordingSid, String accountSid) {
    }

    @Override
    public void handle(QueueMessage message) throws Exception {
        JsonNode event = Json.MAPPER.readTree(message.body());
        var completed = EventPayloads.recordingCompleted(event.path("payload"));
        Job job = new Job(event.path("tenantId").asText(), completed.callSid(), completed.recordingSid(),
                completed.accountSid());
        Recording recording = find(job).orElse(null);
        if (recording == null || recording.recordingUrl() == null) {
            LOG.warn("no such recording to copy", "tenantId", job.tenantId(), "callSid", job.callSid(),
                    "recordingSid", job.recordingSid());
            return;
        }
        if (recording.deleted()) {
            // A try that completed its upload and then stopped (before it could remove it, or
            // before it counted) may have left a copy: none outlives the tenant's delete.
            for (String format : RecordingSettings.FORMATS) {
                s3.delete(key(job.tenantId(), job.callSid(), job.recordingSid(), format));
            }
            LOG.info("recording deleted by the tenant; not copied", "recordingSid", job.recordingSid());
            return;
        }
        RecordingSettings kept = settings.of(job.tenantId());
        boolean last = message.receiveCount() >= ATTEMPTS;
        if (recording.stored()) {
            LOG.info("recording already stored", "recordingSid", job.recordingSid());
            // An earlier try stored it, then failed to delete it at Twilio: the tenant's wish still holds.
            Optional<String> token = kept.deleteAtTwilio()
                    ? credentials.authToken(job.tenantId(), job.accountSid()) : Optional.empty();
            if (token.isPresent()) {
                deleteAtTwilio(job, recording, token.get(), last);
            }
            return;
        }
        try {
            copy(job, recording, kept, last);
        } catch (CopyFault fault) {
            if (!fault.reason().permanent() && !last) {
                throw fault;
            }
            reportFailure(job, recording, fault, message.receiveCount());
        }
    }

    private Optional<Recording> find(Job job) {
        return recordings.ofCall(job.tenantId(), job.callSid()).stream()
                .filter(r -> r.recordingSid().equals(job.recordingSid())).findFirst();
    }

    private String token(Job job) throws CopyFault {
        return credentials.authToken(job.tenantId(), job.accountSid()).orElseThrow(() -> new CopyFault(
                CopyFault.Reason.ACCOUNT_DISCONNECTED, "the recording's Twilio account " + job.accountSid()
                        + " is no longer connected"));
    }

    private void copy(Job job, Recording recording, RecordingSettings kept, boolean last)
            throws IOException, InterruptedException {
        URI media = TwilioMedia.url(recording.recordingUrl() + "." + kept.format());
        if (!twilio.isTwilio(media)) {
            // A forged callback: its URL gets no request, let alone a tenant's token.
            throw new CopyFault(CopyFault.Reason.URL_REFUSED, "the recording's URL is not on Twilio's API host: "
                    + media.getHost());
        }
        String token = token(job);
        CopyBudget budget = CopyLimits.recording(kept.format(), recording.durationSeconds(), recording.channels())
                .start();
        var download = twilio.fetch(media, job.accountSid(), token, budget);
        String key = key(job.tenantId(), job.callSid(), job.recordingSid(), kept.format());
        long bytes;
        try (var body = download.body()) {
            budget.checkAnnounced(download.length());
            bytes = s3.copy(body, key, kept.contentType(), "recording", n -> budget.checkCopied(n, download.length()));
        }
        var outcome = recordings.stored(job.tenantId(), job.callSid(), job.recordingSid(), key, bytes,
                DomainEvent.of(job.tenantId(), "stored|" + job.recordingSid(), clock.instant(),
                        new EventPayload.RecordingStored(job.callSid(), job.recordingSid(), key, bytes,
                                kept.contentType())));
        if (outcome != Outcome.APPLIED) {
            Recording now = find(job).orElse(null);
            if (now == null || now.deleted() || !key.equals(now.storedKey())) {
                // Deleted while it was being copied (or kept under another format by an earlier try):
                // this object counts for nothing and must not outlive the tenant's delete.
                s3.delete(key);
                LOG.info("copy no longer needed; removed", "recordingSid", job.recordingSid());
                return;
            }
        }
        LOG.info("recording stored", "tenantId", job.tenantId(), "recordingSid", job.recordingSid(), "bytes", bytes,
                "outcome", outcome.name());
        if (kept.deleteAtTwilio()) {
            deleteAtTwilio(job, recording, token, last);
        }
    }

    /**
     * Only after the copy is verified: the tenant asked for one copy, its own. A failure here is
     * not the copy's: it is retried as a plain IOException, never reported as a failed copy.
     */
    private void deleteAtTwilio(Job job, Recording recording, String token, boolean last)
            throws IOException, InterruptedException {
        try {
            twilio.delete(TwilioMedia.url(recording.recordingUrl() + ".json"), job.accountSid(), token);
            LOG.info("recording deleted at Twilio", "tenantId", job.tenantId(), "recordingSid", job.recordingSid());
        } catch (IOException e) {
            if (!last) {
                throw new IOException("the recording is stored; deleting it at Twilio failed: " + e.getMessage(), e);
            }
            // The copy is safe; Twilio keeping its own is no loss. Not worth the operator's alarm.
            LOG.warn("recording stored but not deleted at Twilio", "tenantId", job.tenantId(), "recordingSid",
                    job.recordingSid(), "reason", e.getMessage());
        }
    }

    private void reportFailure(Job job, Recording recording, CopyFault fault, int attempts) {
        var outcome = recordings.copyFailed(job.tenantId(), job.callSid(), job.recordingSid(),
                fault.reason().code(), fault.getMessage(), DomainEvent.of(job.tenantId(),
                        "copy-failed|" + job.recordingSid(), clock.instant(), new EventPayload.RecordingCopyFailed(
                                job.callSid(), job.recordingSid(), fault.reason().code(), fault.getMessage(), attempts,
                                recording.durationSeconds())));
        LOG.warn("recording not copied; left at Twilio and reported", "tenantId", job.tenantId(), "recordingSid",
                job.recordingSid(), "reason", fault.reason().code(), "detail", fault.getMessage(), "attempts",
                attempts, "outcome", outcome.name());
    }
}
