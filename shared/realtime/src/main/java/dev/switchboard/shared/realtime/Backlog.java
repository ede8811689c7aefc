package dev.switchboard.shared.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.events.EventLog;

import java.time.Instant;

/**
 * A connection's missed events, sent in log order from a position on: what a browser asks for when
 * it reconnects (resume). At most {@link #MAX} a time and within {@link #BUDGET}, so a reply never
 * outlasts API Gateway's 29 s nor holds the stage's throughput; the client asks on from the cursor
 * it is given ({@link Sent#position()}).
 */
public final class Backlog {
    public static final int MAX = 500;
    public static final java.time.Duration BUDGET = java.time.Duration.ofSeconds(10);
    private static final int PAGE = 50;

    /** @param lastEventId the last event read (sent or not), or null; complete when nothing is left */
    public record Sent(int sent, String lastEventId, String position, boolean complete) {
    }

    private final EventLog log;
    private final Pusher pusher;

    public Backlog(EventLog log, Pusher pusher) {
        this.log = log;
        this.pusher = pusher;
    }

    /** @param until stop at events that occurred after it (null: read to the log's edge) */
    public Sent send(Connection connection, String position, Instant until) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int sent = 0;
        int read = 0;
        String lastId = null;
        String at = position;
        while (read < MAX && System.nanoTime() < deadline) {
            EventLog.Page page = log.read(connection.tenantId(), at, null, Math.min(PAGE, MAX - read));
            for (JsonNode event : page.items()) {
                if (until != null && Instant.parse(event.path("occurredAt").asText()).isAfter(until)) {
                    return new Sent(sent, lastId, at, true);
                }
                read++;
                lastId = event.path("id").asText();
                if (connection.wants(event)) {
                    if (!pusher.push(connection, Frames.event(event))) {
                        return new Sent(sent, lastId, page.nextCursor(), true);
                    }
                    sent++;
                }
            }
            at = page.nextCursor();
            if (!page.hasMore()) {
                return new Sent(sent, lastId, at, true);
            }
        }
        return new Sent(sent, lastId, at, false);
    }
}
