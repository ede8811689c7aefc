package dev.switchboard.shared.analytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.facts.MetricEvents;
import dev.switchboard.shared.events.EventLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a window of a tenant's event log to the counter again: what an operator runs for a batch
 * the counter gave up on. Counting is idempotent, so events counted already change nothing. One
 * call works for at most {@code budget} and says where to go on from.
 */
public final class Recount {
    private static final int PAGE = 500;

    private final EventLog log;
    private final MetricsIngest ingest;
    private final Clock clock;

    public Recount(EventLog log, MetricsIngest ingest, Clock clock) {
        this.log = log;
        this.ingest = ingest;
        this.clock = clock;
    }

    /**
     * @param events    how many events were fed to the counter
     * @param nextCursor where the next call goes on from (the log's cursor)
     * @param done      the log has nothing more now
     */
    public record Result(int events, String nextCursor, boolean done) {
    }

    /** @param after a log cursor or an instant to start after (null: the oldest event kept) */
    public Result run(String tenantId, String after, Duration budget) {
        Instant until = clock.instant().plus(budget);
        int fed = 0;
        String cursor = after;
        while (true) {
            EventLog.Page page = log.read(tenantId, cursor, null, PAGE);
            List<MetricEvent> events = new ArrayList<>();
            for (JsonNode item : page.items()) {
                events.add(MetricEvents.of(item));
            }
            ingest.ingest(events);
            fed += events.size();
            cursor = page.nextCursor();
            if (!page.hasMore()) {
                return new Result(fed, cursor, true);
            }
            if (!clock.instant().isBefore(until)) {
                return new Result(fed, cursor, false);
            }
        }
    }
}
