package dev.switchboard.shared.calls;

import dev.switchboard.shared.api.Page;
import dev.switchboard.shared.events.DomainEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Calls and their event logs. Every write names the tenant and leaves alone a call that
 * belongs to another: CallSids are not secret, and a tenant signs its own webhooks.
 */
public interface CallStore {

    /**
     * A call as the webhook or API request that started it saw it.
     *
     * @param contactId the app's own reference for whom the call is with (click-to-call), or null
     */
    record Answered(String callSid, String tenantId, String accountSid, String direction, String from, String to,
                    String agentId, String routing, CallStatus status, String contactId) {
        public Answered(String callSid, String tenantId, String accountSid, String direction, String from, String to,
                        String agentId, String routing, CallStatus status) {
            this(callSid, tenantId, accountSid, direction, from, to, agentId, routing, status, null);
        }
    }

    enum Outcome {
        /** The write was applied. */
        APPLIED,
        /** A later status is already recorded; the callback's facts (times, duration) were kept. */
        STALE,
        /** The CallSid belongs to another tenant: nothing was written. */
        FOREIGN,
        /** This callback is already in the call's event log: a retry or duplicate; nothing was written. */
        REPEAT
    }

    record StatusResult(Outcome outcome, Call call) {
    }

    /**
     * Records an answered call, filling in what status callbacks may already have recorded. For
     * calls the API placed: no webhook delivery to de-duplicate and no event.
     */
    Outcome answered(Answered call);

    /**
     * The webhook that started a call: the call, the webhook in its event log and its events
     * ({@code call.started}, and {@code call.missed} when it goes straight to voicemail), in one
     * transaction. The log entry's key comes from the signed parameters, so a repeated delivery is
     * a {@link Outcome#REPEAT} that writes nothing.
     */
    Outcome started(Answered call, CallEvent logEntry, List<DomainEvent> events);

    /**
     * A status callback: the call moved on (with the event {@code changed} makes of the call as
     * it now is) or only its facts kept when stale, and the callback logged, all in one
     * transaction. At most two round trips: the call read, then the write.
     */
    StatusResult applyStatus(StatusCallback callback, CallEvent logEntry, Function<Call, DomainEvent> changed);

    /**
     * Records how the call's {@code <Dial>} ended, with the callback in its event log and, when
     * nobody answered, {@code call.missed}, at once.
     */
    Outcome dialEnded(String callSid, String tenantId, String accountSid, String dialStatus, String dialCallSid,
                      Integer dialDurationSeconds, CallEvent logEntry, Optional<DomainEvent> missed);

    /**
     * A recording status callback, as Twilio sent it.
     *
     * @param recordingUrl Twilio's URL of the media (no credentials in it), or null
     */
    record RecordingUpdate(String callSid, String tenantId, String accountSid, String recordingSid,
                           RecordingStatus status, String source, Integer durationSeconds, Integer channels,
                           String recordingUrl, String errorCode) {
    }

    /**
     * A recording moved on: its state, the callback in the call's event log and, when given, the
     * event, at once; an older status than the one stored is {@link Outcome#STALE}, a call of
     * another tenant or account {@link Outcome#FOREIGN}.
     */
    Outcome recordingChanged(RecordingUpdate update, CallEvent logEntry, DomainEvent event);

    List<Recording> recordings(String tenantId, String callSid);

    /** Which recording of which call. */
    record RecordingRef(String callSid, String recordingSid) {
    }

    /** These recordings of the tenant's calls, read at once (a page of them); missing ones are left out. */
    List<Recording> recordings(String tenantId, java.util.Collection<RecordingRef> refs);

    /**
     * The recording's media is in S3 ({@code key}, {@code bytes} long, verified), with its event, at
     * once; a copy failure reported earlier is cleared. Only the first copy counts, and none of a
     * deleted recording: either is {@link Outcome#REPEAT} (read the recording to tell which).
     */
    Outcome recordingStored(String tenantId, String callSid, String recordingSid, String key, long bytes,
                            DomainEvent event);

    /**
     * The media worker gave up copying the recording, which stays at Twilio: why ({@code reason}, a
     * code, and {@code detail}, in words), with its event, at once. Once: a recording already
     * stored, deleted or reported is {@link Outcome#REPEAT}.
     */
    Outcome recordingCopyFailed(String tenantId, String callSid, String recordingSid, String reason, String detail,
                                DomainEvent event);

    /**
     * The tenant deleted the recording: from now on no copy of it is made or kept. The mark may
     * come before Twilio's first callback for the recording, which then finds it; a recording of
     * another tenant is {@link Outcome#FOREIGN}.
     */
    Outcome recordingDeleted(String tenantId, String callSid, String recordingSid);

    /** The caller left a message: the call's voicemail, its log entry and the event, at once. */
    record VoicemailLeft(String callSid, String tenantId, String accountSid, String recordingSid, String recordingUrl,
                         int durationSeconds, String from, String to, String agentId) {
    }

    Outcome voicemailLeft(VoicemailLeft voicemail, CallEvent logEntry, DomainEvent event);

    /**
     * The transcription of the call's voicemail, completed (with its text) or failed; it may come
     * before the voicemail itself. Only the first is kept: a repeat is {@link Outcome#REPEAT}.
     */
    Outcome transcribed(String callSid, String tenantId, String accountSid, boolean completed, String text,
                        CallEvent logEntry, DomainEvent event);

    Optional<Voicemail> voicemail(String tenantId, String callSid);

    /** Which voicemails of a tenant's inbox to list; null fields do not filter. */
    record VoicemailQuery(String status, String number, String agentId) {
    }

    /** A tenant's voicemails, newest first. A page may hold fewer than limit: follow its cursor. */
    Page<Voicemail> voicemails(String tenantId, VoicemailQuery query, String cursor, int limit);

    /** @return FOREIGN when the tenant has no such voicemail */
    Outcome voicemailStatus(String tenantId, String callSid, String status);

    /** @return FOREIGN when the tenant has no such voicemail */
    Outcome deleteVoicemail(String tenantId, String callSid);

    Optional<Call> get(String tenantId, String callSid);

    List<CallEvent> events(String tenantId, String callSid);

    /**
     * Which of a tenant's calls to list; null fields do not filter. {@code number} matches
     * either end of the call.
     */
    record CallQuery(Instant from, Instant to, String direction, String agentId, String number, String status) {
    }

    /** A tenant's calls, newest first. A page may hold fewer than limit calls: follow its cursor. */
    Page<Call> list(String tenantId, CallQuery query, String cursor, int limit);
}
