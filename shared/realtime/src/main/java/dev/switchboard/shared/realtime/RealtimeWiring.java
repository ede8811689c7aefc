package dev.switchboard.shared.realtime;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.config.Settings;

import java.net.URI;

/** The realtime capability's wiring: tickets, connections, and the @connections API. */
public final class RealtimeWiring {
    private final Platform platform;

    public RealtimeWiring(Platform platform) {
        this.platform = platform;
    }

    public Tickets tickets() {
        return new DynamoTickets(platform.dynamo(), platform.settings().tables().realtimeTickets());
    }

    public Connections connections() {
        return new DynamoConnections(platform.dynamo(), platform.settings().tables().realtimeConnections());
    }

    public ConnectionsApi connectionsApi() {
        return new ConnectionsApi(platform.signedCalls(), platform.settings().channels().connectionsUrl()
                .orElseThrow(() -> missing(Settings.REALTIME_CONNECTIONS_URL)));
    }

    public Pusher pusher() {
        return new Pusher(connectionsApi(), connections());
    }

    /** Where resumes' catch-ups wait out the settle window (the push worker's queue). */
    public String queueUrl() {
        return platform.settings().channels().realtimeQueueUrl()
                .orElseThrow(() -> missing(Settings.REALTIME_QUEUE_URL));
    }

    /** Where browsers connect, as tickets name it. */
    public URI url() {
        return platform.settings().channels().realtimeUrl().orElseThrow(() -> missing(Settings.REALTIME_URL));
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException("Missing configuration " + name);
    }
}
