package dev.switchboard.local.realtime;

import dev.switchboard.shared.log.Log;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A template's WebSocket API on 127.0.0.1, behaving as API Gateway's: the $connect authorizer and
 * route decide whether an upgrade is accepted, each client message goes to the route its
 * selection expression picks, $disconnect runs once however a connection ends, and the
 * @connections management API on the same port reaches the clients. RFC 6455 by hand on a
 * ServerSocket, a virtual thread per connection: the JDK has a WebSocket client but no server,
 * and a library for it would be a dependency for one emulator.
 */
public final class WebSocketGateway implements AutoCloseable {
    private static final Log LOG = Log.of(WebSocketGateway.class);
    /** API Gateway's defaults: a connection with nothing from its client for 10 minutes, or open 2 hours, ends. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration MAX_DURATION = Duration.ofHours(2);
    /** API Gateway's limit on a client's message, and so on each frame of it. */
    static final int MAX_MESSAGE = 128 * 1024;
    /** A client slow to send its request head, or an idle @connections caller, gives its thread back. */
    private static final int HTTP_IDLE_MILLIS = 60_000;
    /** How long close() waits for connections to end and their $disconnect to run. */
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final ServerSocket server;
    private final WebSocketApi api;
    private final Invoker invoker;
    private final Duration idleTimeout;
    private final Duration maxDuration;
    private final ConnectionsApi connectionsApi;
    /** Open connections by id: what @connections reaches. A closing one is already gone from here. */
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    /** Connections until their $disconnect has run, which close() waits for. */
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    /** Sockets not (yet) upgraded: @connections callers and handshakes, closed at once on close(). */
    private final Set<Socket> plain = ConcurrentHashMap.newKeySet();
    /** Drops sockets whose client never answers a close frame. */
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("websocket-timer").factory());
    private volatile boolean closed;

    /** With API Gateway's idle timeout and maximum duration. */
    public WebSocketGateway(int port, WebSocketApi api, Invoker invoker) throws IOException {
        this(port, api, invoker, IDLE_TIMEOUT, MAX_DURATION);
    }

    /** @param port 0 for any free port */
    public WebSocketGateway(int port, WebSocketApi api, Invoker invoker, Duration idleTimeout, Duration maxDuration)
            throws IOException {
        this.api = api;
        this.invoker = invoker;
        this.idleTimeout = idleTimeout;
        this.maxDuration = maxDuration;
        this.connectionsApi = new ConnectionsApi(api.stage(), open::get);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        Thread.ofVirtual().name("websocket-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Where clients connect, e.g. ws://127.0.0.1:3002/live. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + port() + "/" + api.stage());
    }

    /** The base of the management API: {@code POST <connectionsUrl>/@connections/{id}} and so on. */
    public URI connectionsUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/" + api.stage());
    }

    public int openConnections() {
        return open.size();
    }

    WebSocketApi api() {
        return api;
    }

    Invoker invoker() {
        return invoker;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    Duration maxDuration() {
        return maxDuration;
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("WebSocket gateway stopped accepting", e);
                }
                return;
            }
            plain.add(socket);
            if (closed) {
                closeQuietly(socket);
                return;
            }
            Thread.ofVirtual().name("websocket-" + socket.getPort()).start(() -> serve(socket));
        }
    }

    /** A socket's requests: @connections calls, kept alive between them, until one upgrades to a WebSocket. */
    private void serve(Socket socket) {
        boolean upgraded = false;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HTTP_IDLE_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                HttpHead head;
                try {
                    head = HttpHead.read(in);
                } catch (HttpHead.Malformed e) {
                    Reply.empty(400).write(out, true);
                    return;
                }
                if (head == null) {
                    return;
                }
                if (head.upgradesToWebSocket()) {
                    upgraded = upgrade(socket, in, out, head);
                    return;
                }
                if ("100-continue".equalsIgnoreCase(head.header("Expect"))) {
                    // Some HTTP clients wait for this before they send a body.
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                }
                ConnectionsApi.Answer answer = connectionsApi.handle(head, in);
                boolean close = answer.close() || head.headerHasToken("Connection", "close");
                answer.reply().write(out, close);
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away between or within requests.
        } finally {
            plain.remove(socket);
            if (!upgraded) {
                closeQuietly(socket);
            }
        }
    }

    /** @return whether the connection opened (its socket is then the connection's to close) */
    private boolean upgrade(Socket socket, InputStream in, OutputStream out, HttpHead head) throws IOException {
        var outcome = Handshake.run(head, api, invoker, socket.getInetAddress().getHostAddress(),
                "127.0.0.1:" + port());
        if (outcome.refusal() != null) {
            outcome.refusal().write(out, true);
            return false;
        }
        Connection connection = new Connection(this, outcome.session(), socket, in);
        live.add(connection);
        plain.remove(socket);
        connection.ended.whenComplete((done, error) -> live.remove(connection));
        connection.run(outcome.accept());
        return true;
    }

    /** The connection has sent its 101: @connections reaches it from now on. */
    void opened(Connection connection) {
        open.put(connection.session.connectionId(), connection);
        // Opened while the gateway closes: close() may have missed it.
        if (closed) {
            schedule(() -> connection.close(Frame.GOING_AWAY, "Going away"), 0);
        }
    }

    /** The connection is closing or gone: @connections answers 410 for it from now on. */
    void forget(Connection connection) {
        open.remove(connection.session.connectionId(), connection);
    }

    void schedule(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }

    /**
     * Stops accepting, closes every connection as API Gateway does when it goes away (1001), and
     * waits a little for their $disconnect to run.
     */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Not accepting either way.
        }
        plain.forEach(WebSocketGateway::closeQuietly);
        live.forEach(c -> c.close(Frame.GOING_AWAY, "Going away"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
        try {
            CompletableFuture.allOf(live.stream().map(c -> c.ended).toArray(CompletableFuture[]::new))
                    .get(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("WebSocket connections still closing at stop", "connections", live.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : live) {
            connection.closeSocket();
            try {
                connection.abandon(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
    }
}
