package dev.switchboard.shared.realtime;

import dev.switchboard.shared.log.Log;

/**
 * Posts a frame to one connection: a connection API Gateway calls gone (410) leaves the table,
 * that one only; another failure is tried again twice, then logged (the browser recovers what it
 * missed when it resumes).
 */
public final class Pusher {
    private static final Log LOG = Log.of(Pusher.class);
    private static final int TRIES = 3;

    private final ConnectionsApi api;
    private final Connections connections;

    public Pusher(ConnectionsApi api, Connections connections) {
        this.api = api;
        this.connections = connections;
    }

    /** @return whether the connection is still there */
    public boolean push(Connection connection, String frame) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (api.post(connection.connectionId(), frame) == ConnectionsApi.Posted.GONE) {
                    connections.close(connection.tenantId(), connection.connectionId());
                    LOG.info("connection gone; removed", "connectionId", connection.connectionId());
                    return false;
                }
                return true;
            } catch (RuntimeException e) {
                if (attempt == TRIES) {
                    LOG.error("frame not pushed", e, "connectionId", connection.connectionId());
                    return true;
                }
                // API Gateway throttling or a blip: a moment before the next try, longer each time.
                java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(50L * attempt * attempt)
                        .toNanos());
            }
        }
    }
}
