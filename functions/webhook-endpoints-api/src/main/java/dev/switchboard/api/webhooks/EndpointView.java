package dev.switchboard.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.shared.delivery.EndpointHealth;
import dev.switchboard.shared.delivery.WebhookEndpoint;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint as the API shows it. Two answers add a field: the one that made a secret carries it
 * (never shown again), and re-enabling a disabled endpoint carries the recovery it is offered.
 *
 * @param status    enabled or disabled; failingSince is set while every attempt fails
 * @param warned    it has failed long enough to be disabled within a day: endpoint.failing was sent
 * @param secret    only in the answer that made it
 * @param recovery  only when enabling a disabled endpoint: POST its path with since (and until)
 */
record EndpointView(String id, String url, String description, List<String> eventTypes, String status,
                    String disabledReason, Instant failingSince, boolean warned, Instant previousSecretUntil,
                    Instant createdAt, Instant updatedAt,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
                    @JsonInclude(JsonInclude.Include.NON_NULL) RecoveryOffer recovery) {

    record RecoveryOffer(Instant since, Instant until, String path) {
    }

    static EndpointView of(WebhookEndpoint e) {
        return of(e, null, null);
    }

    static EndpointView issued(WebhookEndpoint e, String secret) {
        return of(e, secret, null);
    }

    static EndpointView enabled(WebhookEndpoint e, RecoveryOffer recovery) {
        return of(e, null, recovery);
    }

    private static EndpointView of(WebhookEndpoint e, String secret, RecoveryOffer recovery) {
        Instant failingSince = switch (e.health()) {
            case EndpointHealth.Failing f -> f.since();
            case EndpointHealth.Disabled d -> d.failingSince();
            case EndpointHealth.Healthy h -> null;
        };
        String reason = e.health() instanceof EndpointHealth.Disabled d ? d.reason() : null;
        boolean warned = e.health() instanceof EndpointHealth.Failing f && f.warned();
        return new EndpointView(e.id(), e.url(), e.description(), e.eventTypes().patterns(),
                e.enabled() ? "enabled" : "disabled", reason, failingSince, warned, e.previousUntil(),
                e.createdAt(), e.updatedAt(), secret, recovery);
    }
}
