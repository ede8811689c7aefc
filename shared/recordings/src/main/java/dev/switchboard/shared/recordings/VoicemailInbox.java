package dev.switchboard.shared.recordings;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.store.Page;

import java.util.Optional;

/** A tenant's voicemail inbox: one voicemail per call, with its transcription. */
public interface VoicemailInbox {

    /** The caller left a message: the call's voicemail, its timeline entry and the event, at once. */
    record Left(String callSid, String tenantId, String accountSid, String recordingSid, String recordingUrl,
                int durationSeconds, String from, String to, String agentId) {
    }

    Outcome left(Left voicemail, CallEvent logEntry, DomainEvent event);

    /**
     * The transcription of the call's voicemail, completed (with its text) or failed; it may come
     * before the voicemail itself. Only the first is kept: a repeat is {@link Outcome#REPEAT}.
     */
    Outcome transcribed(String callSid, String tenantId, String accountSid, boolean completed, String text,
                        CallEvent logEntry, DomainEvent event);

    Optional<Voicemail> get(String tenantId, String callSid);

    /** Which voicemails of a tenant's inbox to list; null fields do not filter. */
    record Query(VoicemailStatus status, String number, String agentId) {
    }

    /** A tenant's voicemails, newest first. A page may hold fewer than limit: follow its cursor. */
    Page<Voicemail> list(String tenantId, Query query, String cursor, int limit);

    /** @return FOREIGN when the tenant has no such voicemail */
    Outcome mark(String tenantId, String callSid, VoicemailStatus status);

    /** @return FOREIGN when the tenant has no such voicemail */
    Outcome delete(String tenantId, String callSid);
}
