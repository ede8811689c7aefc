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
    /** How long after it occurred an event is stamped at the latest: its webhook's own work. */
    static final Duration STAMPED_WITHIN = Duration.ofMinutes(1);

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
        Instant now = clock.instant();
        for (JsonNode event : page.items()) {
            // The log is in the order events were stamped, a moment after they occurred: an event of
            // the range may follow one just past it, so the range is filtered, not cut off.
            Instant occurredAt = Instant.parse(event.path("occurredAt").asText());
            String id = event.path("id").asText();
            String type = event.path("type").asText();
            if (occurredAt.isBefore(job.from()) || occurredAt.isAfter(job.until())
                    || !endpoint.eventTypes().matches(type) || Deliveries.about(event, endpoint)
                    || (job.failedOnly() && log.settled(endpoint.id(), id, now))) {
                continue;
            }
            queue.send(new DeliveryJob.Attempt(job.tenantId(), endpoint.id(), id, type, 1, now, event.toString()));
            queued++;
        }
        // Done once the log has been read past until, and past the time its events take to be stamped.
        boolean past = page.nextCursor() != null
                && page.nextCursor().compareTo(LogPosition.time(job.until().plus(STAMPED_WITHIN))) >= 0;
        if (!past && page.hasMore()) {
            queue.send(job.continuing(page.nextCursor()));
        } else if (!past) {
            // The log lists an event once it has settled: what happened up to until is not all listed yet.
            queue.sendAfter(job.continuing(page.nextCursor()), settle);
        }
        LOG.info("recovery stretch", "endpointId", endpoint.id(), "queued", queued, "more", page.hasMore());
    }
}
