package dev.switchboard.realtime.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.events.EventLog;
import dev.switchboard.shared.events.EventTypeFilter;
import dev.switchboard.shared.events.LogPosition;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.realtime.Audience;
import dev.switchboard.shared.realtime.Backlog;
import dev.switchboard.shared.realtime.CatchUp;
import dev.switchboard.shared.realtime.Connection;
import dev.switchboard.shared.realtime.Connections;
import dev.switchboard.shared.realtime.Frames;
import dev.switchboard.shared.realtime.Pusher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A browser's connection: kept from $connect to $disconnect, and answered when it speaks
 * ({@code {"action": …}}): {@code subscribe} to event types, {@code ping}, and {@code resume} after
 * the last event it saw, which sends it everything since, then {@code resumed}. Bad input gets an
 * {@code error} frame, never a failure.
 */
public final class Sessions {
    private static final Log LOG = Log.of(Sessions.class);
    static final int MAX_MESSAGE = 8 * 1024;
    /** How far out of the log's order frames may arrive: a resume reads back this far. */
    static final java.time.Duration REORDER = java.time.Duration.ofMinutes(1);

    private final Connections connections;
    private final Pusher pusher;
    private final Backlog backlog;
    private final EventLog log;
    private final Consumer<CatchUp> catchUps;
    private final CursorSeal cursors;
    private final Clock clock;

    /** @param cursors seals and opens the replay API's cursors: a resume goes on from one, or gives one */
    public Sessions(Connections connections, Pusher pusher, Backlog backlog, EventLog log, Consumer<CatchUp> catchUps,
                    CursorSeal cursors, Clock clock) {
        this.cursors = cursors;
        this.connections = connections;
        this.pusher = pusher;
        this.backlog = backlog;
        this.log = log;
        this.catchUps = catchUps;
        this.clock = clock;
    }

    public void connect(String tenantId, String agentId, String connectionId, Instant connectedAt) {
        connections.open(new Connection(tenantId, connectionId, Audience.of(agentId),
                new EventTypeFilter(List.of("*")), connectedAt != null ? connectedAt : clock.instant()));
        LOG.info("websocket connected", "agentId", agentId);
    }

    public void disconnect(String tenantId, String connectionId) {
        connections.close(tenantId, connectionId);
        LOG.info("websocket disconnected");
    }

    public void message(String tenantId, String connectionId, String body) {
        Optional<Connection> found = connections.get(tenantId, connectionId);
        if (found.isEmpty()) {
            return;
        }
        Connection connection = found.get();
        JsonNode message;
        try {
            if (body == null || body.length() > MAX_MESSAGE) {
                throw new IllegalArgumentException("a message is a JSON object of at most " + MAX_MESSAGE + " bytes");
            }
            message = Json.MAPPER.readTree(body);
            if (message == null || !message.isObject()) {
                throw new IllegalArgumentException("a message is a JSON object with an action");
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            error(connection, e instanceof IllegalArgumentException ? e.getMessage() : "a message is JSON");
            return;
        }
        switch (message.path("action").asText("")) {
            case "ping" -> pusher.push(connection, Frames.control("pong"));
            case "subscribe" -> subscribe(connection, message.path("types"));
            case "resume" -> resume(connection, message);
            default -> error(connection, "action is subscribe, ping or resume");
        }
    }

    private void subscribe(Connection connection, JsonNode types) {
        List<String> patterns = new ArrayList<>();
        if (types.isArray()) {
            types.forEach(t -> patterns.add(t.isTextual() ? t.asText() : null));
        }
        EventTypeFilter filter;
        try {
            filter = new EventTypeFilter(patterns);
        } catch (IllegalArgumentException e) {
            error(connection, e.getMessage());
            return;
        }
        if (connections.subscribe(connection.tenantId(), connection.connectionId(), filter)) {
            pusher.push(connection, Frames.control("subscribed", "types", filter.patterns()));
        }
    }

    /**
     * The events the client may have missed, in log order, to the log's live edge; then a catch-up
     * once the settle window has passed, for an event whose commit the edge had not yet shown. Live
     * pushes run meanwhile: the client drops duplicates by id.
     *
     * <p>From {@code lastEventId}: frames arrive in the order they were pushed, not the order of the
     * log, so an event logged a little before the last one seen may not have arrived; the read starts
     * {@link #REORDER} before it. From {@code cursor}: exactly where the replay API's {@code nextCursor}
     * or an incomplete resume's cursor stands (the same sealed cursors).
     */
    private void resume(Connection connection, JsonNode message) {
        String position;
        String scope = CursorSeal.scope("events", connection.tenantId());
        if (message.hasNonNull("cursor")) {
            position = cursor(message.path("cursor").asText(""), scope);
            if (position == null) {
                error(connection, "cursor is one the replay API (nextCursor) or a resumed frame gave this tenant");
                return;
            }
        } else {
            String lastEventId = message.path("lastEventId").asText("");
            Optional<String> seen = log.positionOf(connection.tenantId(), lastEventId);
            if (seen.isEmpty()) {
                error(connection, "lastEventId names no event of this tenant still kept: catch up from the replay API");
                return;
            }
            position = LogPosition.time(LogPosition.stampedAt(seen.get()).minus(REORDER));
        }
        // Queued first: a resume cut short by the function's timeout is still caught up.
        catchUps.accept(new CatchUp(connection.tenantId(), connection.connectionId(), position,
                connection.connectedAt()));
        var sent = backlog.send(connection, position, null);
        // The replay API's own cursor: an app may go on from here by WebSocket or by GET …/events.
        pusher.push(connection, Frames.control("resumed", "sent", sent.sent(), "complete", sent.complete(),
                "cursor", cursors.seal(sent.position(), scope)));
    }

    /** The log position a cursor sealed for this tenant's log holds; null when it is not one. */
    private String cursor(String text, String scope) {
        try {
            String position = cursors.open(text, scope, "cursor");
            return position == null ? null : LogPosition.normalize(position);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void error(Connection connection, String reason) {
        pusher.push(connection, Frames.control("error", "reason", reason));
    }
}
