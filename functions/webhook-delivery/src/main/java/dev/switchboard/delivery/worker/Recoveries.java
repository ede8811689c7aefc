package dev.switchboard.delivery.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.delivery.DeliveryJob;
import dev.switchboard.shared.delivery.DeliveryLog;
import dev.switchboard.shared.delivery.DeliveryQueue;
import dev.switchboard.shared.delivery.WebhookEndpoint;
import dev.switchboard.shared.delivery.WebhookEndpoints;
import dev.switchboard.shared.events.EventLog;
import dev.switchboard.shared.events.LogPosition;
import dev.switchboard.shared.log.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A recovery, a stretch at a time: a page of the tenant's event log read from where the last
 * stretch stopped, each event of [from, until] the endpoint wants (and, for "failed only", has not
 * had delivered) queued as a first attempt, and the next stretch queued behind them. However long
 * the range, no invocation holds more than a page.
 */
public final class Recoveries {
    private static final Log LOG = Log.of(Recoveries.class);
    static final int PAGE = 100;

    private final WebhookEndpoints endpoints;
    private final EventLog events;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final Duration settle;
    private final Clock clock;

    /** @param settle how long after it is stamped an event is listed in the log (EVENTS_SETTLE_SECONDS) */
    public Recoveries(WebhookEndpoints endpoints, EventLog events, DeliveryLog log, DeliveryQueue queue,
                      Duration settle, Clock clock) {
        this.endpoints = endpoints;
        this.events = events;
        this.log = log;
        this.queue = queue;
        this.settle = settle;
        this.clock = clock;
    }

    public void recover(DeliveryJob.Recovery job) {
        Optional<WebhookEndpoint> found = endpoints.get(job.tenantId(), job.endpointId());
        if (found.isEmpty() || !found.get().enabled()) {
            LOG.info("recovery stopped: the endpoint is deleted or disabled", "endpointId", job.endpointId());
            return;
        }
        WebhookEndpoint endpoint = found.get();
        String after = job.after() != null ? job.after() : LogPosition.time(job.from());
        EventLog.Page page = events.read(job.tenantId(), after, null, PAGE);
        int queued = 0;
        for (JsonNode event : page.items()) {
            Instant occurredAt = Instant.parse(event.path("occurredAt").asText());
            if (occurredAt.isAfter(job.until())) {
                LOG.info("recovery done", "endpointId", endpoint.id(), "queued", queued);
                return;
            }
            String id = event.path("id").asText();
            String type = event.path("type").asText();
            if (occurredAt.isBefore(job.from()) || !endpoint.eventTypes().matches(type)
                    || (job.failedOnly() && log.delivered(endpoint.id(), id))) {
                continue;
            }
            queue.send(new DeliveryJob.Attempt(job.tenantId(), endpoint.id(), id, type, 1, clock.instant(),
                    event.toString()));
            queued++;
        }
        if (page.hasMore()) {
            queue.send(job.continuing(page.nextCursor()));
        } else if (page.nextCursor().compareTo(LogPosition.time(job.until())) < 0) {
            // The log lists an event once it has settled: what happened up to until is not all listed yet.
            queue.sendAfter(job.continuing(page.nextCursor()), settle);
        }
        LOG.info("recovery stretch", "endpointId", endpoint.id(), "queued", queued, "more", page.hasMore());
    }
}
