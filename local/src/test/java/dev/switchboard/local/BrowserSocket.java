package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A browser's WebSocket to the local stack, as the JDK's client plays it: every frame it receives,
 * in order, and whether the server closed it.
 */
final class BrowserSocket implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private BrowserSocket(URI url) throws Exception {
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(url, new dev.switchboard.local.realtime.TextFrames(
                        text -> frames.add(Json.parse(text)), closed::complete))
                .get(10, TimeUnit.SECONDS);
    }

    /** Connects, or throws when the upgrade is refused (the status is in the cause's message). */
    static BrowserSocket connect(String url) throws Exception {
        return new BrowserSocket(URI.create(url));
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The events received, control frames left out. */
    List<JsonNode> events() {
        return frames.stream().filter(f -> !f.has("control")).toList();
    }

    List<JsonNode> control(String name) {
        return frames.stream().filter(f -> name.equals(f.path("control").asText())).toList();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }
}
