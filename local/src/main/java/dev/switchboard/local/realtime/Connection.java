package dev.switchboard.local.realtime;

import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open WebSocket connection: its socket's reader, which turns the client's messages into
 * invocations of their routes, and its output, which @connections posts share with the reader.
 */
final class Connection {
    private static final Log LOG = Log.of(Connection.class);
    /** How long a client has to answer our close frame before its socket is dropped anyway. */
    static final long CLOSE_GRACE_MILLIS = 2_000;

    final Session session;
    /** Settles once the connection has ended and its $disconnect has run. */
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final WebSocketGateway gateway;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Frames from posts and from the reader (pongs, close) must not interleave. */
    private final ReentrantLock output = new ReentrantLock();
    private boolean closeSent;
    /** Set once either side starts closing: from then on the connection is gone to @connections. */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Invocations one at a time, in the order the messages arrived, without holding up the reader. */
    private final ExecutorService invocations;
    /** The client's last frame: what the idle timeout counts from, and what GET @connections reports. */
    private volatile long lastActiveAt;

    Connection(WebSocketGateway gateway, Session session, Socket socket, InputStream in) throws IOException {
        this.gateway = gateway;
        this.session = session;
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.lastActiveAt = session.connectedAt();
        this.invocations = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("websocket-" + session.connectionId()).factory());
    }

    long lastActiveAt() {
        return lastActiveAt;
    }

    /** Opens the connection with the handshake's 101, then reads until it ends. */
    void run(Reply accept) {
        try {
            // Registered before the 101 leaves, under the output lock: a post that comes as soon as
            // the client is connected finds the connection, and waits for the 101 to be written.
            output.lock();
            try {
                gateway.opened(this);
                accept.write(out, false);
            } finally {
                output.unlock();
            }
            read();
        } catch (Frame.Violation v) {
            LOG.warn("WebSocket client broke the protocol", "connectionId", session.connectionId(),
                    "reason", v.getMessage());
            close(v.code, v.getMessage());
            drain();
        } catch (IOException e) {
            // The network dropped, or the socket was closed under the reader: the connection ends.
        } finally {
            end();
        }
    }

    private void read() throws IOException {
        ByteArrayOutputStream message = null;
        int messageOpcode = 0;
        while (true) {
            Frame frame;
            try {
                socket.setSoTimeout(closing.get() ? (int) CLOSE_GRACE_MILLIS : millisToDeadline());
                frame = Frame.read(in, WebSocketGateway.MAX_MESSAGE);
            } catch (SocketTimeoutException e) {
                // Nothing from the client until the deadline (a frame cut short leaves no way to go on).
                if (!close(Frame.GOING_AWAY, "Going away")) {
                    return;
                }
                continue;
            }
            if (closing.get()) {
                // After our close frame only the client's answer matters.
                if (frame.opcode() == Frame.CLOSE) {
                    return;
                }
                continue;
            }
            lastActiveAt = System.currentTimeMillis();
            switch (frame.opcode()) {
                case Frame.PING -> send(Frame.PONG, frame.payload());
                case Frame.PONG -> {
                }
                case Frame.CLOSE -> {
                    // Answer with the client's own code, as RFC 6455 asks; then the server ends the TCP connection.
                    byte[] payload = frame.payload();
                    close(payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1, "");
                    return;
                }
                case Frame.TEXT, Frame.BINARY -> {
                    if (message != null) {
                        throw new Frame.Violation(Frame.PROTOCOL_ERROR, "new message within a fragmented one");
                    }
                    if (frame.fin()) {
                        dispatch(frame.opcode(), frame.payload());
                    } else {
                        message = new ByteArrayOutputStream();
                        message.write(frame.payload());
                        messageOpcode = frame.opcode();
                    }
                }
                default -> {
                    if (message == null) {
                        throw new Frame.Violation(Frame.PROTOCOL_ERROR, "continuation without a message");
                    }
                    if (message.size() + frame.payload().length > WebSocketGateway.MAX_MESSAGE) {
                        throw new Frame.Violation(Frame.TOO_BIG, "message over " + WebSocketGateway.MAX_MESSAGE
                                + " bytes");
                    }
                    message.write(frame.payload());
                    if (frame.fin()) {
                        dispatch(messageOpcode, message.toByteArray());
                        message = null;
                    }
                }
            }
        }
    }

    /** Until the idle timeout or the maximum duration, whichever comes first; at least 1 (0 would be forever). */
    private int millisToDeadline() {
        long deadline = Math.min(lastActiveAt + gateway.idleTimeout().toMillis(),
                session.connectedAt() + gateway.maxDuration().toMillis());
        return Math.clamp(deadline - System.currentTimeMillis(), 1, Integer.MAX_VALUE);
    }

    private void dispatch(int opcode, byte[] data) throws Frame.Violation {
        String body;
        if (opcode == Frame.TEXT) {
            try {
                body = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
            } catch (CharacterCodingException e) {
                throw new Frame.Violation(Frame.INVALID_DATA, "text message not UTF-8");
            }
        } else {
            body = Base64.getEncoder().encodeToString(data);
        }
        String routeKey = RouteSelection.route(gateway.api(), opcode == Frame.TEXT ? body : null);
        invocations.execute(() -> deliver(routeKey, body, opcode != Frame.TEXT));
    }

    /** A message to its route; what the integration returns is not sent back, as no route response is declared. */
    private void deliver(String routeKey, String body, boolean base64) {
        if (routeKey == null) {
            // No route and no $default: API Gateway tells the client so.
            reportToClient("Forbidden", null);
            return;
        }
        var event = Events.message(session, routeKey, body, base64);
        try {
            gateway.invoker().invoke(gateway.api().routes().get(routeKey), event);
        } catch (RuntimeException e) {
            LOG.error("WebSocket route failed", e, "route", routeKey, "connectionId", session.connectionId());
            reportToClient("Internal server error", event.getRequestContext().getRequestId());
        }
    }

    /** API Gateway's own message to a client whose message it could not deliver. */
    private void reportToClient(String message, String requestId) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("message", message);
        report.put("connectionId", session.connectionId());
        report.put("requestId", requestId == null ? java.util.UUID.randomUUID().toString() : requestId);
        try {
            send(Frame.TEXT, Json.write(report).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The client is gone; its connection ends through the reader.
        }
    }

    /**
     * Posts data to the client: text when it is UTF-8, else binary, which a text frame may not
     * carry. False when the connection is already closing; an exception when the write failed.
     */
    boolean post(byte[] data) throws IOException {
        boolean text;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data));
            text = true;
        } catch (CharacterCodingException e) {
            text = false;
        }
        return send(text ? Frame.TEXT : Frame.BINARY, data);
    }

    /** False when our close frame has gone: nothing may follow it. */
    private boolean send(int opcode, byte[] payload) throws IOException {
        output.lock();
        try {
            if (closeSent) {
                return false;
            }
            Frame.write(out, opcode, payload);
            return true;
        } finally {
            output.unlock();
        }
    }

    /**
     * Starts closing: a close frame (code -1 for one without a code), then the client has the grace
     * period to answer before its socket is dropped. False when the connection was already closing.
     */
    boolean close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        gateway.forget(this);
        output.lock();
        try {
            closeSent = true;
            Frame.write(out, Frame.CLOSE, code < 0 ? new byte[0] : Frame.closePayload(code, reason));
            socket.shutdownOutput();
        } catch (IOException e) {
            // Nothing more can reach the client; the socket is closed below.
        } finally {
            output.unlock();
        }
        gateway.schedule(this::closeSocket, CLOSE_GRACE_MILLIS);
        return true;
    }

    /** The client cannot be written to: gone at once, without a close handshake. */
    void drop() {
        closing.set(true);
        gateway.forget(this);
        closeSocket();
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }

    /** Reads and discards what the client still sends, so that it reads our close frame before the socket closes. */
    private void drain() {
        try {
            socket.setSoTimeout((int) CLOSE_GRACE_MILLIS);
            byte[] discard = new byte[8192];
            while (in.read(discard) >= 0) {
                // Until the client closes, or the grace period ends.
            }
        } catch (IOException e) {
            // Done draining either way.
        }
    }

    /** However it ended, once: the connection is forgotten and $disconnect runs after its pending messages. */
    private void end() {
        closing.set(true);
        gateway.forget(this);
        closeSocket();
        try {
            invocations.execute(() -> {
                try {
                    String function = gateway.api().routes().get(WebSocketApi.DISCONNECT);
                    if (function != null) {
                        gateway.invoker().invoke(function, Events.disconnect(session));
                    }
                } catch (RuntimeException e) {
                    LOG.error("WebSocket $disconnect failed", e, "connectionId", session.connectionId());
                } finally {
                    ended.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            ended.complete(null);
        }
        invocations.shutdown();
    }

    /** For the gateway's close: invocations still queued are given up on after this. */
    void abandon(long millis) throws InterruptedException {
        if (!invocations.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            invocations.shutdownNow();
        }
    }
}
