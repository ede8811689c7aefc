package dev.switchboard.api.webhooks;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.delivery.AttemptOutcome;
import dev.switchboard.shared.delivery.Destinations;
import dev.switchboard.shared.delivery.EndpointHealth;
import dev.switchboard.shared.delivery.EndpointSecret;
import dev.switchboard.shared.delivery.EndpointSecrets;
import dev.switchboard.shared.events.EventTypeFilter;
import dev.switchboard.shared.delivery.WebhookEndpoint;
import dev.switchboard.shared.delivery.WebhookEndpoints;
import dev.switchboard.shared.delivery.WebhookSender;
import dev.switchboard.shared.delivery.WebhookSigner;
import dev.switchboard.shared.json.JsonText;
import dev.switchboard.shared.tenancy.TenantAccess;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A tenant's webhook endpoints: where its events are delivered, signed as the Standard Webhooks
 * specification says. The secret is shown once, when it is made (at creation and at rotation), and
 * otherwise kept sealed; a rotation keeps the previous secret signing beside the new one for an
 * overlap (24 hours unless asked otherwise), so that receivers can be updated without a gap.
 */
public final class WebhookEndpointsApi {
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final int MAX_OVERLAP_HOURS = 7 * 24;
    private static final Set<String> FIELDS = Set.of("url", "description", "eventTypes");

    private final WebhookEndpoints endpoints;
    private final EndpointSecrets secrets;
    private final Destinations destinations;
    private final WebhookSender sender;
    private final TenantAccess access;
    private final CursorSeal cursors;
    private final Duration retrySpan;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param retrySpan how long an event may stay in its retries ({@link
     *                  dev.switchboard.shared.delivery.RetrySchedule#span()})
     * @param retention how long events are kept (EventRetentionDays)
     */
    public WebhookEndpointsApi(WebhookEndpoints endpoints, EndpointSecrets secrets, Destinations destinations,
                               WebhookSender sender, TenantAccess access, CursorSeal cursors, Duration retrySpan,
                               Duration retention, Clock clock) {
        this.retrySpan = retrySpan;
        this.retention = retention;
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.destinations = destinations;
        this.sender = sender;
        this.access = access;
        this.cursors = cursors;
        this.clock = clock;
    }

    public ApiRoutes routes() {
        String one = "/v1/tenants/{tenantId}/webhook-endpoints/{endpointId}";
        return new ApiRoutes()
                .on("POST /v1/tenants/{tenantId}/webhook-endpoints", this::create)
                .on("GET /v1/tenants/{tenantId}/webhook-endpoints", this::list)
                .on("GET " + one, this::get)
                .on("PATCH " + one, this::update)
                .on("DELETE " + one, this::delete)
                .action("POST " + one + "/disable", this::disable)
                .action("POST " + one + "/enable", this::enable)
                .on("POST " + one + "/rotate-secret", this::rotate)
                .action("POST " + one + "/test", this::test);
    }

    ApiResponse create(ApiRequest request) {
        String tenantId = access.tenant(request);
        JsonObject body = request.json().only(FIELDS);
        String url = url(body.requiredString("url"));
        String description = description(body.string("description", WebhookEndpoint.MAX_DESCRIPTION));
        EventTypeFilter types = types(body.strings("eventTypes", EventTypeFilter.MAX_PATTERNS, 100)
                .orElse(List.of("*")));
        String id = "we_" + HexFormat.of().formatHex(randomBytes());
        EndpointSecret secret = EndpointSecret.generate();
        Instant now = clock.instant();
        var endpoint = new WebhookEndpoint(tenantId, id, url, description, types, secrets.seal(tenantId, id, secret),
                null, null, new EndpointHealth.Healthy(), now, now);
        switch (endpoints.create(endpoint)) {
            case TOO_MANY -> throw ApiError.conflict("A tenant has at most " + WebhookEndpoints.MAX_PER_TENANT
                    + " webhook endpoints: delete one first");
            case ID_TAKEN -> throw new IllegalStateException("a random endpoint id was taken");
            case CREATED -> {
            }
        }
        return ApiResponse.created(EndpointView.issued(endpoint, secret.reveal()));
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        String scope = CursorSeal.scope("webhook-endpoints", tenantId);
        return ApiResponse.ok(cursors.page(request, scope, (at, limit) -> endpoints.list(tenantId, at, limit),
                EndpointView::of));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(EndpointView.of(find(request)));
    }

    ApiResponse update(ApiRequest request) {
        WebhookEndpoint before = find(request);
        JsonObject body = request.json().only(FIELDS);
        String url = body.present("url") ? url(body.requiredString("url")) : before.url();
        String description = body.present("description")
                ? description(body.string("description", WebhookEndpoint.MAX_DESCRIPTION)) : before.description();
        EventTypeFilter types = body.has("eventTypes")
                ? types(body.strings("eventTypes", EventTypeFilter.MAX_PATTERNS, 100).orElse(List.of()))
                : before.eventTypes();
        return ApiResponse.ok(EndpointView.of(change(before, e -> e.changed(url, description, types, clock.instant()))));
    }

    ApiResponse delete(ApiRequest request) {
        String tenantId = access.tenant(request);
        String endpointId = request.path("endpointId");
        if (!endpoints.delete(tenantId, endpointId)) {
            throw ApiError.notFound("Webhook endpoint " + endpointId);
        }
        return ApiResponse.noContent();
    }

    ApiResponse disable(ApiRequest request) {
        WebhookEndpoint before = find(request);
        if (!before.enabled()) {
            return ApiResponse.ok(EndpointView.of(before));
        }
        // Since when it misses events: its failures' start, else now (what re-enabling offers to recover).
        Instant now = clock.instant();
        Instant since = before.health() instanceof EndpointHealth.Failing f ? f.since() : now;
        return ApiResponse.ok(EndpointView.of(change(before, e -> e.withHealth(
                new EndpointHealth.Disabled(since, "disabled by the tenant"), now))));
    }

    ApiResponse enable(ApiRequest request) {
        WebhookEndpoint before = find(request);
        if (before.enabled()) {
            return ApiResponse.ok(EndpointView.of(before));
        }
        Instant now = clock.instant();
        WebhookEndpoint after = change(before, e -> e.withHealth(new EndpointHealth.Healthy(), now));
        // What it may have missed: every event whose retries were still running when it began
        // failing (or was disabled by hand), within the events' retention. "failed" leaves out what
        // did reach it.
        Instant began = before.health() instanceof EndpointHealth.Disabled d && d.failingSince() != null
                ? d.failingSince() : before.updatedAt();
        Instant since = latest(began.minus(retrySpan), now.minus(retention));
        return ApiResponse.ok(EndpointView.enabled(after, new EndpointView.RecoveryOffer(since, now,
                "/v1/tenants/" + after.tenantId() + "/webhook-endpoints/" + after.id() + "/recover")));
    }

    ApiResponse rotate(ApiRequest request) {
        WebhookEndpoint before = find(request);
        Duration overlap = DEFAULT_OVERLAP;
        if (request.body().isPresent()) {
            int hours = request.json().only(Set.of("overlapHours")).integer("overlapHours")
                    .orElse((int) DEFAULT_OVERLAP.toHours());
            if (hours < 0 || hours > MAX_OVERLAP_HOURS) {
                throw ApiError.unprocessable("overlapHours", "overlapHours must be from 0 to " + MAX_OVERLAP_HOURS);
            }
            overlap = Duration.ofHours(hours);
        }
        EndpointSecret secret = EndpointSecret.generate();
        Instant now = clock.instant();
        Instant until = overlap.isZero() ? null : now.plus(overlap);
        WebhookEndpoint rotated = change(before,
                e -> e.rotated(secrets.seal(e.tenantId(), e.id(), secret), until, now));
        return ApiResponse.ok(EndpointView.issued(rotated, secret.reveal()));
    }

    /**
     * Sends the endpoint one signed {@code webhook.test} event now, as a delivery would (disabled or
     * not), and answers what came of it: how a tenant checks its receiver before it counts on it.
     */
    ApiResponse test(ApiRequest request) {
        WebhookEndpoint endpoint = find(request);
        Instant now = clock.instant();
        String id = "evt_test_" + HexFormat.of().formatHex(randomBytes());
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("id", id);
        envelope.put("type", TEST_EVENT);
        envelope.put("tenantId", endpoint.tenantId());
        envelope.put("occurredAt", now.toString());
        envelope.put("payload", Map.of("endpointId", endpoint.id()));
        byte[] body = JsonText.write(envelope).getBytes(StandardCharsets.UTF_8);
        var headers = WebhookSigner.sign(id, now.getEpochSecond(), body, secrets.signingSecrets(endpoint, now));
        var attempt = sender.send(URI.create(endpoint.url()), headers, body);
        String reason = attempt.outcome() instanceof AttemptOutcome.Failed f
                ? f.reason() : null;
        return ApiResponse.ok(new TestDelivery(id, attempt.outcome()
                instanceof AttemptOutcome.Delivered,
                attempt.status() == 0 ? null : attempt.status(), attempt.latency().toMillis(), reason, attempt.excerpt()));
    }

    /** The type of the event the test route sends; never one the outbox records. */
    static final String TEST_EVENT = "webhook.test";

    /** What one test delivery came to. */
    record TestDelivery(String eventId, boolean delivered, Integer status, long latencyMs, String reason,
                        String responseExcerpt) {
    }

    private WebhookEndpoint find(ApiRequest request) {
        String tenantId = access.tenant(request);
        String endpointId = request.path("endpointId");
        return endpoints.get(tenantId, endpointId).orElseThrow(() -> ApiError.notFound("Webhook endpoint " + endpointId));
    }

    /** The endpoint changed as read; a concurrent change wins, and this request says so. */
    private WebhookEndpoint change(WebhookEndpoint before, UnaryOperator<WebhookEndpoint> how) {
        WebhookEndpoint after = how.apply(before);
        if (!endpoints.replace(before, after)) {
            throw ApiError.conflict("Webhook endpoint " + before.id()
                    + " was changed or deleted meanwhile: read it and try again");
        }
        return after;
    }

    private String url(String url) {
        return JsonObject.validated("url", () -> destinations.check(url)).toString();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A blank description is none: stored and shown as null alike. */
    private static String description(java.util.Optional<String> given) {
        return given.filter(d -> !d.isBlank()).orElse(null);
    }

    private static EventTypeFilter types(List<String> patterns) {
        return JsonObject.validated("eventTypes", () -> new EventTypeFilter(patterns));
    }

    /** Strong randomness: SnapStart restores a snapshot's ThreadLocalRandom state in every sandbox alike. */
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
