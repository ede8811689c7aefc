package dev.switchboard.api.calls;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.Idempotency;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.calls.Call;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.recordings.Recordings;
import dev.switchboard.shared.recordings.VoicemailInbox;
import dev.switchboard.shared.media.MediaLinks;
import dev.switchboard.shared.twilio.PhoneNumbers;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.twilio.rest.TwilioAccess;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/** A tenant's calls, newest first, and each call with its event log. */
public final class CallsApi {
    private final Calls calls;
    private final Recordings recordings;
    private final VoicemailInbox voicemails;
    private final TenantAccess access;
    private final CursorSeal cursors;
    private final Idempotency idempotency;
    /** Built on the first call detail with a stored recording: the list and webhooks never need S3. */
    private final java.util.function.Supplier<MediaLinks> media;
    private final ClickToCall clickToCall;

    public CallsApi(Calls calls, Recordings recordings, VoicemailInbox voicemails, Tenants tenants, Agents agents,
                    Numbers numbers, TwilioAccess twilio, CursorSeal cursors, Idempotency idempotency,
                    java.util.function.Supplier<MediaLinks> media) {
        this.media = media;
        this.idempotency = idempotency;
        this.calls = calls;
        this.recordings = recordings;
        this.voicemails = voicemails;
        this.cursors = cursors;
        this.access = new TenantAccess(tenants);
        this.clickToCall = new ClickToCall(tenants, agents, numbers, calls, twilio);
    }

    public ApiRoutes routes() {
        return new ApiRoutes()
                .on("POST /v1/tenants/{tenantId}/calls", this::place)
                .on("GET /v1/tenants/{tenantId}/calls", this::list)
                .on("GET /v1/tenants/{tenantId}/calls/{callSid}", this::get);
    }

    /** A retry with the same Idempotency-Key gets the first call's answer; no second call is placed. */
    ApiResponse place(ApiRequest request) {
        String tenantId = access.tenant(request);
        return idempotency.run(tenantId, request, () -> clickToCall.prepare(tenantId, request));
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        String direction = request.query("direction").orElse(null);
        CallDirection wanted = direction == null ? null : CallDirection.fromWire(direction).orElseThrow(
                () -> ApiError.badField("direction", "direction must be inbound or outbound"));
        String status = request.query("status").orElse(null);
        if (status != null && CallStatus.fromWire(status).isEmpty()) {
            throw ApiError.badField("status", "status must be a Twilio call status, e.g. completed");
        }
        String number = request.query("number").orElse(null);
        if (number != null && !PhoneNumbers.isE164(number)) {
            throw ApiError.badField("number", "number must be E.164, e.g. +14155550100 (encode + as %2B)");
        }
        var from = instant(request, "from");
        var to = instant(request, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiError.badField("from", "from must not be later than to");
        }
        String agentId = request.query("agentId").orElse(null);
        if (agentId != null && !agentId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw ApiError.badField("agentId", "agentId must be 1 to 64 letters, digits, '_' or '-'");
        }
        var query = new Calls.Query(from, to, wanted, agentId, number, status);
        // A cursor continues the query it came from: every filter is part of what it is signed for.
        String scope = CursorSeal.scope("calls", tenantId, String.valueOf(from), String.valueOf(to), direction,
                query.agentId(), number, status);
        return ApiResponse.ok(cursors.page(request, scope, (at, limit) -> calls.list(tenantId, query, at, limit),
                CallViews.CallView::of));
    }

    ApiResponse get(ApiRequest request) {
        String tenantId = access.tenant(request);
        String callSid = request.path("callSid");
        Call call = calls.get(tenantId, callSid).orElseThrow(() -> ApiError.notFound("Call " + callSid));
        var timeline = calls.timeline(tenantId, callSid).stream()
                .sorted(Comparator.comparing((CallEvent e) -> e.sequenceNumber() == null ? Long.MAX_VALUE : e.sequenceNumber())
                        .thenComparing(CallEvent::receivedAt))
                .map(CallViews.EventView::of).toList();
        return ApiResponse.ok(CallViews.CallDetail.of(call, timeline,
                recordings.ofCall(tenantId, callSid).stream().map(r -> CallViews.RecordingView.of(r, media)).toList(),
                voicemails.get(tenantId, callSid).map(CallViews.VoicemailView::of).orElse(null),
                calls.path(tenantId, callSid).stream().map(CallViews.PathStepView::of).toList()));
    }

    private static Instant instant(ApiRequest request, String name) {
        return request.query(name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw ApiError.badField(name, name + " must be an ISO-8601 instant, e.g. 2026-11-21T06:00:00Z");
            }
        }).orElse(null);
    }

}
