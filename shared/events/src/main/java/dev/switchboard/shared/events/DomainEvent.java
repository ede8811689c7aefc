package dev.switchboard.shared.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in a tenant's workspace, as consumers receive it (docs/events.md).
 *
 * @param id derived from what caused the event, so that a redelivered cause yields the same id
 *           and consumers can drop duplicates by it
 */
public record DomainEvent(String id, String tenantId, Instant occurredAt, EventPayload payload) {

    public static final String CALL_STARTED = "call.started";
    public static final String CALL_STATUS_CHANGED = "call.status-changed";
    public static final String CALL_MISSED = "call.missed";
    public static final String IVR_SELECTION = "ivr.selection";
    public static final String IVR_HOURS = "ivr.hours";
    public static final String METRICS_TODAY = "metrics.today";
    public static final String RECORDING_COMPLETED = "recording.completed";
    public static final String RECORDING_STORED = "recording.stored";
    public static final String RECORDING_COPY_FAILED = "recording.copy-failed";
    public static final String VOICEMAIL_RECEIVED = "voicemail.received";
    public static final String VOICEMAIL_TRANSCRIBED = "voicemail.transcribed";
    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String MESSAGE_MEDIA_STORED = "message.media-stored";
    public static final String MESSAGE_MEDIA_COPY_FAILED = "message.media-copy-failed";
    public static final String MESSAGE_STATUS_CHANGED = "message.status-changed";
    public static final String CONTACT_OPTED_OUT = "contact.opted-out";
    public static final String CONTACT_OPTED_IN = "contact.opted-in";
    public static final String ENDPOINT_FAILING = "endpoint.failing";
    public static final String ENDPOINT_DISABLED = "endpoint.disabled";

    /** The event's type, as its payload says: {@code call.started} … */
    public String type() {
        return payload.type();
    }

    /** The event of {@code payload}, its id derived from its type, its tenant and its {@code cause}. */
    public static DomainEvent of(String tenantId, String cause, Instant occurredAt, EventPayload payload) {
        String type = payload.type();
        String id = "evt_" + UUID.nameUUIDFromBytes((type + "|" + tenantId + "|" + cause)
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        return new DomainEvent(id, tenantId, occurredAt, payload);
    }
}
