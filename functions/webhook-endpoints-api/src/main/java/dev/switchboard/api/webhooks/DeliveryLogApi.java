package dev.switchboard.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.delivery.AttemptRecord;
import dev.switchboard.shared.delivery.DeliveryJob;
import dev.switchboard.shared.delivery.DeliveryLog;
import dev.switchboard.shared.delivery.DeliveryQueue;
import dev.switchboard.shared.delivery.WebhookEndpoint;
import dev.switchboard.shared.delivery.WebhookEndpoints;
import dev.switchboard.shared.events.EventLog;
import dev.switchboard.shared.tenancy.TenantAccess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * An endpoint's delivery log, and sending again: one event (redeliver), or every event of a time
 * range within the events' retention, all of them or those not yet delivered (recover). Both are
 * queued for the delivery worker and answered 202: a recovery may span days of events.
 */
public final class DeliveryLogApi {
    private final WebhookEndpoints endpoints;
    private final DeliveryLog log;
    private final EventLog events;
    private final DeliveryQueue queue;
    private final TenantAccess access;
    private final CursorSeal cursors;
    private final Duration retention;
    private final Clock clock;

    public DeliveryLogApi(WebhookEndpoints endpoints, DeliveryLog log, EventLog events, DeliveryQueue queue,
                          TenantAccess access, CursorSeal cursors, Duration retention, Clock clock) {
        this.endpoints = endpoints;
        this.log = log;
        this.events = events;
        this.queue = queue;
        this.access = access;
        this.cursors = cursors;
        this.retention = retention;
        this.clock = clock;
    }

    public ApiRoutes routes(ApiRoutes routes) {
        String one = "/v1/tenants/{tenantId}/webhook-endpoints/{endpointId}";
        return routes
                .on("GET " + one + "/attempts", this::attempts)
                .on("POST " + one + "/redeliver", this::redeliver)
                .on("POST " + one + "/recover", this::recover);
    }

    ApiResponse attempts(ApiRequest request) {
        WebhookEndpoint endpoint = find(request);
        String scope = CursorSeal.scope("webhook-attempts", endpoint.tenantId(), endpoint.id());
        return ApiResponse.ok(cursors.page(request, scope, (at, limit) -> log.attempts(endpoint.id(), at, limit),
                AttemptView::of));
    }

    ApiResponse redeliver(ApiRequest request) {
        WebhookEndpoint endpoint = enabled(find(request));
        String eventId = request.json().only(Set.of("eventId")).requiredString("eventId");
        JsonNode event = events.get(endpoint.tenantId(), eventId)
                .orElseThrow(() -> ApiError.notFound("Event " + eventId));
        String type = event.path("type").asText();
        if (!endpoint.eventTypes().matches(type)) {
            throw ApiError.unprocessable("eventId", "the endpoint does not take " + type + " events: change its eventTypes first");
        }
        queue.send(new DeliveryJob.Attempt(endpoint.tenantId(), endpoint.id(), eventId, event.path("type").asText(),
                1, clock.instant(), event.toString()));
        return new ApiResponse(202, new Queued(endpoint.id(), eventId, null, null, null));
    }

    ApiResponse recover(ApiRequest request) {
        WebhookEndpoint endpoint = enabled(find(request));
        JsonObject body = request.json().only(Set.of("since", "until", "only"));
        Instant now = clock.instant();
        Instant since = instant("since", body.requiredString("since"));
        // Nothing after now: a recovery reads what has happened, and ends.
        Instant until = body.present("until") ? earliest(instant("until", body.requiredString("until")), now) : now;
        String only = body.string("only").orElse("failed");
        if (!only.equals("failed") && !only.equals("all")) {
            throw ApiError.unprocessable("only", "only is failed (events not yet delivered to it) or all");
        }
        if (since.isBefore(now.minus(retention))) {
            throw ApiError.unprocessable("since", "since must be within the events' retention ("
                    + retention.toDays() + " days)");
        }
        if (!since.isBefore(now)) {
            throw ApiError.unprocessable("since", "since must be in the past");
        }
        if (!until.isAfter(since)) {
            throw ApiError.unprocessable("until", "until must be after since");
        }
        queue.send(new DeliveryJob.Recovery(endpoint.tenantId(), endpoint.id(), since, until, only.equals("failed"),
                null));
        return new ApiResponse(202, new Queued(endpoint.id(), null, since, until, only));
    }

    /** What was queued: one event, or a range. */
    record Queued(String endpointId, String eventId, Instant since, Instant until, String only) {
    }

    /** One attempt as the delivery log lists it. */
    record AttemptView(String eventId, String eventType, int attempt, Instant attemptedAt, String result,
                       Integer responseStatus, long latencyMs, String responseExcerpt, String reason,
                       Instant nextAttemptAt) {
        static AttemptView of(AttemptRecord a) {
            return new AttemptView(a.eventId(), a.eventType(), a.attempt(), a.attemptedAt(), a.result(),
                    a.responseStatus() == 0 ? null : a.responseStatus(), a.latencyMs(), a.excerpt(), a.reason(),
                    a.nextAttemptAt());
        }
    }

    private WebhookEndpoint find(ApiRequest request) {
        String tenantId = access.tenant(request);
        String endpointId = request.path("endpointId");
        return endpoints.get(tenantId, endpointId).orElseThrow(() -> ApiError.notFound("Webhook endpoint " + endpointId));
    }

    private static WebhookEndpoint enabled(WebhookEndpoint endpoint) {
        if (!endpoint.enabled()) {
            throw ApiError.conflict("Webhook endpoint " + endpoint.id() + " is disabled: enable it first");
        }
        return endpoint;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.unprocessable(field, field + " must be a time such as 2026-01-31T09:00:00Z");
        }
    }
}
