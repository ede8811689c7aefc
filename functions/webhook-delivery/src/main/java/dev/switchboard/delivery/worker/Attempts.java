package dev.switchboard.delivery.worker;

import dev.switchboard.shared.delivery.AttemptOutcome;
import dev.switchboard.shared.delivery.AttemptRecord;
import dev.switchboard.shared.delivery.DeliveryJob;
import dev.switchboard.shared.delivery.DeliveryLog;
import dev.switchboard.shared.delivery.DeliveryQueue;
import dev.switchboard.shared.delivery.EndpointHealth;
import dev.switchboard.shared.delivery.EndpointSecrets;
import dev.switchboard.shared.delivery.RetrySchedule;
import dev.switchboard.shared.delivery.WebhookEndpoint;
import dev.switchboard.shared.delivery.WebhookEndpoints;
import dev.switchboard.shared.delivery.WebhookSender;
import dev.switchboard.shared.delivery.WebhookSigner;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.log.Log;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One attempt of one event at one endpoint: signed as it is sent (webhook-id the event's id on every
 * try, webhook-timestamp this try's), logged, then the next try scheduled, or not, and the
 * endpoint's health moved (warned, disabled) with the event that says so.
 */
public final class Attempts {
    private static final Log LOG = Log.of(Attempts.class);
    /** A job this close to due waits here for its time; one due later goes round the queue again. */
    private static final Duration WAIT_HERE = Duration.ofSeconds(1);
    /** Concurrent attempts at one endpoint may race its health: read again and decide again. */
    private static final int HEALTH_TRIES = 3;

    private final WebhookEndpoints endpoints;
    private final EndpointSecrets secrets;
    private final WebhookSender sender;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final RetrySchedule schedule;
    private final EndpointHealth.Policy policy;
    private final Clock clock;

    public Attempts(WebhookEndpoints endpoints, EndpointSecrets secrets, WebhookSender sender, DeliveryLog log,
                    DeliveryQueue queue, RetrySchedule schedule, EndpointHealth.Policy policy, Clock clock) {
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.sender = sender;
        this.log = log;
        this.queue = queue;
        this.schedule = schedule;
        this.policy = policy;
        this.clock = clock;
    }

    /** A queued attempt (a retry, a redelivery, a recovery's): the endpoint read as it is now. */
    public void attempt(DeliveryJob.Attempt job) {
        Optional<WebhookEndpoint> found = endpoints.get(job.tenantId(), job.endpointId());
        if (found.isEmpty() || !found.get().eventTypes().matches(job.eventType())) {
            // Deleted, or it no longer takes this type: nothing more is sent for it.
            LOG.info("endpoint deleted or no longer taking the type; delivery dropped", "endpointId", job.endpointId(),
                    "eventId", job.eventId());
            return;
        }
        attempt(job, found.get());
    }

    /** An attempt at {@code endpoint} as just read (the fan-out's first attempts). */
    public void attempt(DeliveryJob.Attempt job, WebhookEndpoint endpoint) {
        Instant now = clock.instant();
        if (job.notBefore().isAfter(now.plus(WAIT_HERE))) {
            // Longer than SQS can delay a message: on again for what remains.
            queue.send(job);
            return;
        }
        if (job.notBefore().isAfter(now)) {
            // Never before it is due (a receiver's Retry-After): the fraction of a second SQS cannot delay.
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.between(now, job.notBefore()).toNanos());
            now = clock.instant();
        }
        if (!endpoint.enabled()) {
            // Re-enabling offers recovery of everything since it failed: this event is among it.
            log.record(new AttemptRecord(endpoint.id(), job.eventId(), job.eventType(), job.attempt(), now, "skipped",
                    0, 0, null, "the endpoint is disabled", null));
            return;
        }
        byte[] body = job.body().getBytes(StandardCharsets.UTF_8);
        var headers = WebhookSigner.sign(job.eventId(), now.getEpochSecond(), body,
                secrets.signingSecrets(endpoint, now));
        WebhookSender.Attempt sent = sender.send(URI.create(endpoint.url()), headers, body);
        Instant done = clock.instant();
        EndpointHealth health = moveHealthQuietly(endpoint, sent.outcome(), done);
        Optional<Instant> next = sent.outcome() instanceof AttemptOutcome.Failed failed
                && !(health instanceof EndpointHealth.Disabled)
                ? schedule.after(job.attempt(), failed.retryAfter()).map(done::plus) : Optional.empty();
        // The next try is queued before the log is written: a failure after the send must not end
        // the event's retries (the log would only lack this line).
        next.ifPresent(at -> queue.send(job.next(at)));
        try {
            log.record(new AttemptRecord(endpoint.id(), job.eventId(), job.eventType(), job.attempt(), now,
                    result(sent.outcome()), sent.status(), sent.latency().toMillis(), sent.excerpt(),
                    reason(sent.outcome(), health), next.orElse(null)));
        } catch (RuntimeException e) {
            // The attempt was made and its next try queued: sending it again for a missing log line
            // would start a second chain of retries.
            LOG.error("webhook attempt not logged", e, "endpointId", endpoint.id(), "eventId", job.eventId());
        }
        LOG.info("webhook attempt", "endpointId", endpoint.id(), "eventId", job.eventId(), "attempt", job.attempt(),
                "result", result(sent.outcome()), "status", sent.status(), "latencyMs", sent.latency().toMillis());
    }

    /**
     * The health move, its failure logged and not thrown: the attempt was made, and whatever keeps
     * the endpoint's item from being written (throttling, a transaction that keeps being cancelled)
     * must not stop this event's next try. The next attempt moves it again.
     */
    private EndpointHealth moveHealthQuietly(WebhookEndpoint endpoint, AttemptOutcome outcome, Instant now) {
        try {
            return moveHealth(endpoint, outcome, now);
        } catch (RuntimeException e) {
            LOG.error("endpoint health not written", e, "endpointId", endpoint.id());
            return endpoint.health();
        }
    }

    /** The endpoint's health after this attempt, written (with its event) only when it changed. */
    private EndpointHealth moveHealth(WebhookEndpoint endpoint, AttemptOutcome outcome, Instant now) {
        WebhookEndpoint current = endpoint;
        for (int i = 0; i < HEALTH_TRIES; i++) {
            var change = EndpointHealth.after(current.health(), outcome, now, policy);
            if (change.health().equals(current.health())) {
                return current.health();
            }
            if (endpoints.replace(current, current.withHealth(change.health(), now), events(current, change, now))) {
                return change.health();
            }
            Optional<WebhookEndpoint> again = endpoints.get(current.tenantId(), current.id());
            if (again.isEmpty()) {
                return new EndpointHealth.Disabled(now, "deleted");
            }
            current = again.get();
        }
        // Others keep moving it: theirs stands; this attempt's result is in the log either way.
        return current.health();
    }

    private List<DomainEvent> events(WebhookEndpoint endpoint, EndpointHealth.Change change, Instant now) {
        List<DomainEvent> events = new ArrayList<>();
        if (change.warnNow() && change.health() instanceof EndpointHealth.Failing failing) {
            events.add(DomainEvent.of(endpoint.tenantId(), endpoint.id() + "|" + failing.since(), now,
                    new EventPayload.EndpointFailing(endpoint.id(), endpoint.url(), failing.since(),
                            failing.since().plus(policy.disableAfter()))));
        }
        if (change.health() instanceof EndpointHealth.Disabled disabled
                && !(endpoint.health() instanceof EndpointHealth.Disabled)) {
            events.add(DomainEvent.of(endpoint.tenantId(), endpoint.id() + "|" + disabled.failingSince(), now,
                    new EventPayload.EndpointDisabled(endpoint.id(), endpoint.url(), disabled.reason(),
                            disabled.failingSince())));
        }
        return events;
    }

    private static String result(AttemptOutcome outcome) {
        return switch (outcome) {
            case AttemptOutcome.Delivered d -> "delivered";
            case AttemptOutcome.Gone g -> "gone";
            case AttemptOutcome.Failed f -> "failed";
        };
    }

    private static String reason(AttemptOutcome outcome, EndpointHealth health) {
        String reason = switch (outcome) {
            case AttemptOutcome.Delivered d -> null;
            case AttemptOutcome.Gone g -> "the endpoint answered 410 Gone: disabled";
            case AttemptOutcome.Failed f -> f.reason();
        };
        if (reason != null && health instanceof EndpointHealth.Disabled disabled
                && !(outcome instanceof AttemptOutcome.Gone)) {
            return reason + "; endpoint disabled: " + disabled.reason();
        }
        return reason;
    }
}
