package dev.switchboard.realtime.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.concurrent.SideBySide;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.realtime.Backlog;
import dev.switchboard.shared.realtime.CatchUp;
import dev.switchboard.shared.realtime.Connection;
import dev.switchboard.shared.realtime.Connections;
import dev.switchboard.shared.realtime.Frames;
import dev.switchboard.shared.realtime.Pusher;

import java.util.ArrayList;
import java.util.List;

/**
 * An event to every open connection of its tenant that wants it (its audience and subscriptions),
 * side by side: one slow connection holds no other. Or a resume's catch-up, once its settle window
 * has passed.
 */
public final class Pushes implements MessageHandler {
    private static final Log LOG = Log.of(Pushes.class);

    private final Connections connections;
    private final Pusher pusher;
    private final Backlog backlog;
    private final java.util.function.Consumer<CatchUp> catchUps;

    public Pushes(Connections connections, Pusher pusher, Backlog backlog, java.util.function.Consumer<CatchUp> catchUps) {
        this.connections = connections;
        this.pusher = pusher;
        this.backlog = backlog;
        this.catchUps = catchUps;
    }

    @Override
    public void handle(QueueMessage message) {
        JsonNode body = Json.parse(message.body());
        CatchUp catchUp = CatchUp.read(body);
        if (catchUp != null) {
            catchUp(catchUp);
            return;
        }
        String tenantId = body.path("tenantId").asText();
        if (tenantId.isEmpty()) {
            LOG.error("event without tenant not pushed", null, "messageId", message.messageId());
            return;
        }
        String frame = Frames.event(body);
        List<Runnable> posts = new ArrayList<>();
        for (Connection connection : connections.of(tenantId)) {
            if (connection.wants(body)) {
                posts.add(() -> pusher.push(connection, frame));
            }
        }
        SideBySide.run(posts);
        LOG.info("event pushed", "eventId", body.path("id").asText(), "connections", posts.size());
    }

    private void catchUp(CatchUp job) {
        connections.get(job.tenantId(), job.connectionId()).ifPresent(connection -> {
            var sent = backlog.send(connection, job.position(), job.until());
            LOG.info("resume caught up", "connectionId", job.connectionId(), "sent", sent.sent(),
                    "complete", sent.complete());
            if (!sent.complete()) {
                // More than one stretch: on from where this one stopped.
                catchUps.accept(new CatchUp(job.tenantId(), job.connectionId(), sent.position(), job.until()));
            }
        });
    }
}
