package dev.switchboard.local.http;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK HTTP server as the local stack's API and Twilio simulator use it: on the loopback
 * address only, sized for a burst of concurrent webhooks (Twilio sends them hundreds at a time).
 */
public final class LoopbackServer {
    private static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";
    /**
     * Connections waiting to be accepted. The JDK takes 0 as the system's default (often 50): a
     * burst of a few hundred new connections then overflows the queue, the kernel answers with
     * SYN cookies or drops, and clients meet resets. Linux caps it at net.core.somaxconn.
     */
    private static final int BACKLOG = 1024;

    private LoopbackServer() {
    }

    /** A server on 127.0.0.1 (port 0 for any free port), not yet started. */
    public static HttpServer create(int port) throws IOException {
        // The JDK's HTTP server keeps at most 200 idle connections and closes any beyond that the
        // moment it goes idle, while the client still holds it for its next request: after a
        // burst of a few hundred concurrent webhooks every client would meet closed connections.
        // Read once, when the JVM's first server is created, so set before every creation here.
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "2000");
        }
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
    }
}
