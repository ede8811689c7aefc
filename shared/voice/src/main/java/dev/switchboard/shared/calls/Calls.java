package dev.switchboard.shared.calls;

import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.store.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Calls, as the webhooks that start them and the callbacks that follow record them. Every
 * write names the tenant and leaves alone a call that belongs to another: CallSids are not
 * secret, and a tenant signs its own webhooks.
 */
public interface Calls {

    /**
     * A call as the webhook or API request that started it saw it.
     *
     * @param contactId the app's own reference for whom the call is with (click-to-call), or null
     */
    record Answered(String callSid, String tenantId, String accountSid, CallDirection direction, String from, String to,
                    String agentId, String routing, CallStatus status, String contactId) {
        public Answered(String callSid, String tenantId, String accountSid, CallDirection direction, String from, String to,
                        String agentId, String routing, CallStatus status) {
            this(callSid, tenantId, accountSid, direction, from, to, agentId, routing, status, null);
        }
    }

    record StatusResult(Outcome outcome, Call call) {
    }

    /**
     * Records an answered call, filling in what status callbacks may already have recorded. For
     * calls the API placed: no webhook delivery to de-duplicate and no event.
     */
    Outcome answered(Answered call);

    /**
     * The webhook that started a call: the call, the webhook in its timeline and its events
     * ({@code call.started}, and {@code call.missed} when it goes straight to voicemail), in one
     * transaction. The timeline entry's key comes from the signed parameters, so a repeated
     * delivery is a {@link Outcome#REPEAT} that writes nothing.
     */
    Outcome started(Answered call, CallEvent logEntry, List<DomainEvent> events);

    /**
     * A status callback: the call moved on (with the event {@code changed} makes of the call as
     * it now is) or only its facts kept when stale, and the callback in the timeline, all in one
     * transaction, decided by {@link CallProgress} over the call as read.
     */
    StatusResult applyStatus(StatusCallback callback, CallEvent logEntry, Function<Call, DomainEvent> changed);

    /**
     * Records how the call's {@code <Dial>} ended, with the callback in its timeline and, when
     * nobody answered, {@code call.missed}, at once.
     */
    Outcome dialEnded(String callSid, String tenantId, String accountSid, String dialStatus, String dialCallSid,
                      Integer dialDurationSeconds, CallEvent logEntry, Optional<DomainEvent> missed);

    /**
     * One node of a call's way through its flow: the node, its type, and how it was left (an
     * hours branch, a menu's choice, a ring's outcome), numbered from 0 in the order taken.
     */
    record FlowStep(int step, String node, String type, String branch, Instant at) {
    }

    /**
     * Steps of the call's flow, the webhook that led to them in its timeline (when there was one),
     * and their events ({@code ivr.selection}), in one transaction. Steps are keyed by number, so a
     * repeated delivery is a {@link Outcome#REPEAT} that writes nothing; a call of another tenant
     * or account is {@link Outcome#FOREIGN}.
     */
    Outcome flowSteps(String tenantId, String accountSid, String callSid, List<FlowStep> steps,
                      Optional<CallEvent> logEntry, List<DomainEvent> events);

    /** The call's way through its flow, in order (empty for a call without one). */
    List<FlowStep> path(String tenantId, String callSid);

    Optional<Call> get(String tenantId, String callSid);

    /**
     * Which of a tenant's calls to list; null fields do not filter. {@code number} matches
     * either end of the call.
     */
    record Query(Instant from, Instant to, CallDirection direction, String agentId, String number, String status) {
    }

    /** A tenant's calls, newest first. A page may hold fewer than limit calls: follow its cursor. */
    Page<Call> list(String tenantId, Query query, String cursor, int limit);

    /** The callbacks of the call, in the order Twilio fired them. */
    List<CallEvent> timeline(String tenantId, String callSid);
}
