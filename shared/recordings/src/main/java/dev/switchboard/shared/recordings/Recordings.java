package dev.switchboard.shared.recordings;

import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.twilio.RecordingStatus;
import dev.switchboard.shared.events.DomainEvent;

import java.util.Collection;
import java.util.List;

/** The recordings of a tenant's calls, and where the copy of each stands. */
public interface Recordings {

    /**
     * A recording status callback, as Twilio sent it.
     *
     * @param recordingUrl Twilio's URL of the media (no credentials in it), or null
     */
    record Update(String callSid, String tenantId, String accountSid, String recordingSid,
                  RecordingStatus status, String source, Integer durationSeconds, Integer channels,
                  String recordingUrl, String errorCode) {
    }

    /** Which recording of which call. */
    record Ref(String callSid, String recordingSid) {
    }

    /**
     * A recording moved on: its state, the callback in the call's timeline and, when given, the
     * event, at once; an older status than the one stored is {@link Outcome#STALE}, a call of
     * another tenant or account {@link Outcome#FOREIGN}.
     */
    Outcome changed(Update update, CallEvent logEntry, DomainEvent event);

    /** The recordings of one of the tenant's calls. */
    List<Recording> ofCall(String tenantId, String callSid);

    /** These recordings of the tenant's calls, read at once (a page of them); missing ones are left out. */
    List<Recording> find(String tenantId, Collection<Ref> refs);

    /**
     * The recording's media is in S3 ({@code key}, {@code bytes} long, verified), with its event, at
     * once; a copy failure reported earlier is cleared. Only the first copy counts, and none of a
     * deleted recording: either is {@link Outcome#REPEAT} (read the recording to tell which).
     */
    Outcome stored(String tenantId, String callSid, String recordingSid, String key, long bytes, DomainEvent event);

    /**
     * The media worker gave up copying the recording, which stays at Twilio: why ({@code reason}, a
     * code, and {@code detail}, in words), with its event, at once. Once: a recording already
     * stored, deleted or reported is {@link Outcome#REPEAT}.
     */
    Outcome copyFailed(String tenantId, String callSid, String recordingSid, String reason, String detail,
                       DomainEvent event);

    /**
     * The tenant deleted the recording: from now on no copy of it is made or kept. The mark may
     * come before Twilio's first callback for the recording, which then finds it; a recording of
     * another tenant is {@link Outcome#FOREIGN}.
     */
    Outcome deleted(String tenantId, String callSid, String recordingSid);
}
