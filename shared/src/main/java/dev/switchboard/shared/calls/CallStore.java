package dev.switchboard.shared.calls;

import dev.switchboard.shared.api.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
        FOREIGN
    }

    record StatusResult(Outcome outcome, Call call) {
    }

    /** Records an answered call, filling in what status callbacks may already have recorded. */
    Outcome answered(Answered call);

    StatusResult applyStatus(StatusCallback callback);

    /** Records how the call's {@code <Dial>} ended. */
    Outcome dialEnded(String callSid, String tenantId, String accountSid, String dialStatus, String dialCallSid,
                      Integer dialDurationSeconds);

    /** Appends a callback to the call's event log; a repeated one is not added twice. */
    void appendEvent(CallEvent event);

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
