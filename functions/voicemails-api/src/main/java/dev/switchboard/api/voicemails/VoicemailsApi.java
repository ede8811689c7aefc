package dev.switchboard.api.voicemails;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Recording;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.PageSize;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.recordings.Recordings;
import dev.switchboard.shared.recordings.VoicemailInbox;
import dev.switchboard.shared.recordings.Voicemail;
import dev.switchboard.shared.recordings.VoicemailStatus;
import dev.switchboard.shared.media.MediaLinks;
import dev.switchboard.shared.twilio.PhoneNumbers;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.twilio.rest.TwilioAccess;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A tenant's voicemail inbox: newest first, filtered by status, number or agent; each voicemail
 * with its transcription, where its recording's copy stands, and, once the recording is in S3, a
 * playback link valid 15 minutes; its status moved between new, listened and archived (either
 * way); deleted with its media, here and at Twilio. A voicemail's id is the CallSid of the call
 * that left it.
 */
public final class VoicemailsApi {

    /**
     * A voicemail as the API shows it: {@code playbackUrl} is given exactly when {@code stored}.
     *
     * @param copyStatus its recording's copy: pending, stored, failed (left at Twilio) or none
     */
    public record VoicemailView(String id, String callSid, String recordingSid, String status, String from, String to,
                                String agentId, Integer durationSeconds, Instant leftAt, String transcriptionStatus,
                                String transcription, boolean stored, String playbackUrl, String copyStatus,
                                CopyError copyError) {
    }

    /** Why the media worker gave up copying the recording (docs/events.md, recording.copy-failed). */
    public record CopyError(String reason, String detail, Instant failedAt) {
    }

    public record VoicemailsPage(List<VoicemailView> items, String nextCursor) {
    }

    private final Calls calls;
    private final VoicemailInbox voicemails;
    private final Recordings recordings;
    private final TenantAccess access;
    private final CursorSeal cursors;
    /** Built on the first link or delete: an inbox with nothing stored never needs S3. */
    private final java.util.function.Supplier<MediaLinks> media;
    private final TwilioAccess twilio;

    public VoicemailsApi(Calls calls, VoicemailInbox voicemails, Recordings recordings, Tenants tenants, CursorSeal cursors,
                         java.util.function.Supplier<MediaLinks> media,
                         TwilioAccess twilio) {
        this.calls = calls;
        this.voicemails = voicemails;
        this.recordings = recordings;
        this.access = new TenantAccess(tenants);
        this.cursors = cursors;
        this.media = media;
        this.twilio = twilio;
    }

    public ApiRoutes routes() {
        return new ApiRoutes()
                .on("GET /v1/tenants/{tenantId}/voicemails", this::list)
                .on("GET /v1/tenants/{tenantId}/voicemails/{callSid}", this::get)
                .on("PATCH /v1/tenants/{tenantId}/voicemails/{callSid}", this::update)
                .on("DELETE /v1/tenants/{tenantId}/voicemails/{callSid}", this::delete);
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        String status = request.query("status").orElse(null);
        VoicemailStatus wanted = status == null ? null : VoicemailStatus.fromWire(status).orElseThrow(
                () -> ApiError.badField("status", "status must be new, listened or archived"));
        String number = request.query("number").orElse(null);
        if (number != null && !PhoneNumbers.isE164(number)) {
            throw ApiError.badField("number", "number must be E.164, e.g. +14155550100 (encode + as %2B)");
        }
        String agentId = request.query("agentId").orElse(null);
        if (agentId != null && !agentId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw ApiError.badField("agentId", "agentId must be 1 to 64 letters, digits, '_' or '-'");
        }
        String scope = CursorSeal.scope("voicemails", tenantId, status, number, agentId);
        var page = voicemails.list(tenantId, new VoicemailInbox.Query(wanted, number, agentId),
                cursors.open(request.query("cursor").orElse(null), scope, "cursor"), PageSize.of(request));
        // The page's recordings in one read, not one per voicemail.
        var byRecordingSid = recordings.find(tenantId, page.items().stream()
                        .map(v -> new Recordings.Ref(v.callSid(), v.recordingSid())).toList()).stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.recordingSid(), r -> r, (a, b) -> a));
        return ApiResponse.ok(new VoicemailsPage(page.items().stream()
                .map(v -> view(v, byRecordingSid.get(v.recordingSid()))).toList(),
                cursors.seal(page.nextCursor(), scope)));
    }

    ApiResponse get(ApiRequest request) {
        String tenantId = access.tenant(request);
        return ApiResponse.ok(view(tenantId, find(tenantId, request.path("callSid"))));
    }

    ApiResponse update(ApiRequest request) {
        String tenantId = access.tenant(request);
        String callSid = request.path("callSid");
        find(tenantId, callSid);
        JsonObject body = request.json().only(Set.of("status"));
        VoicemailStatus status = VoicemailStatus.fromWire(body.requiredString("status")).orElseThrow(
                () -> ApiError.unprocessable("status", "status must be new, listened or archived"));
        if (voicemails.mark(tenantId, callSid, status) != Outcome.APPLIED) {
            throw ApiError.notFound("Voicemail " + callSid);
        }
        return ApiResponse.ok(view(tenantId, find(tenantId, callSid)));
    }

    /**
     * The recording is marked deleted first, so that no copy of it is made or kept from then on
     * (the media worker drops its job, or removes a copy it was finishing); then its copy in S3,
     * as the mark leaves it, and the recording at Twilio go; the voicemail last, so a failure on
     * the way leaves it there to delete again.
     */
    ApiResponse delete(ApiRequest request) {
        String tenantId = access.tenant(request);
        String callSid = request.path("callSid");
        Voicemail voicemail = find(tenantId, callSid);
        if (recordings.deleted(tenantId, callSid, voicemail.recordingSid()) != Outcome.APPLIED) {
            throw ApiError.notFound("Voicemail " + callSid);
        }
        var recording = recording(tenantId, voicemail);
        if (recording != null && recording.storedKey() != null) {
            media.get().delete(recording.storedKey());
        }
        // At Twilio too, if it is still there: the tenant asked for the message to be gone. The
        // recording may not be reported yet, but Twilio has it under its SID. Gone there already is
        // done; any other failure is answered (502 to retry, 409 or 422 to fix first) with the
        // voicemail kept, since once it is gone nothing would delete the recording at Twilio.
        String accountSid = calls.get(tenantId, callSid).map(c -> c.accountSid()).orElse(null);
        twilio.of(tenantId, accountSid).ifPresent(connected -> {
            try {
                Recording.deleter(accountSid, voicemail.recordingSid()).delete(connected.client());
            } catch (ApiException e) {
                if (e.getStatusCode() == null || e.getStatusCode() != 404) {
                    throw TwilioAccess.failure(e);
                }
            } catch (ApiConnectionException e) {
                throw TwilioAccess.failure(e);
            }
        });
        if (voicemails.delete(tenantId, callSid) != Outcome.APPLIED) {
            throw ApiError.notFound("Voicemail " + callSid);
        }
        return ApiResponse.noContent();
    }

    private Voicemail find(String tenantId, String callSid) {
        return voicemails.get(tenantId, callSid).orElseThrow(() -> ApiError.notFound("Voicemail " + callSid));
    }

    private dev.switchboard.shared.recordings.Recording recording(String tenantId, Voicemail voicemail) {
        return recordings.find(tenantId, List.of(new Recordings.Ref(voicemail.callSid(),
                voicemail.recordingSid()))).stream().findFirst().orElse(null);
    }

    private VoicemailView view(String tenantId, Voicemail v) {
        return view(v, recording(tenantId, v));
    }

    private VoicemailView view(Voicemail v, dev.switchboard.shared.recordings.Recording recording) {
        boolean stored = recording != null && recording.stored();
        var copy = recording == null ? dev.switchboard.shared.recordings.Recording.Copy.PENDING : recording.copy();
        return new VoicemailView(v.callSid(), v.callSid(), v.recordingSid(), v.status().wire(), v.from(), v.to(), v.agentId(),
                v.durationSeconds(), v.leftAt(), v.transcriptionStatus(), v.transcriptionText(), stored,
                stored ? media.get().playback(recording.storedKey()) : null, copy.wire(),
                copy == dev.switchboard.shared.recordings.Recording.Copy.FAILED
                        ? new CopyError(recording.copyError(), recording.copyErrorDetail(), recording.copyFailedAt())
                        : null);
    }
}
