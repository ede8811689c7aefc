package dev.switchboard.local.realtime;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A WebSocket client's side with the JDK's client: each text message whole (the client may hand it
 * over in parts), and how the socket ended (its close code, or -1 when it broke).
 */
public final class TextFrames implements WebSocket.Listener {
    private final Consumer<String> messages;
    private final IntConsumer ended;
    private final StringBuilder partial = new StringBuilder();

    public TextFrames(Consumer<String> messages, IntConsumer ended) {
        this.messages = messages;
        this.ended = ended;
    }

    public TextFrames(Consumer<String> messages) {
        this(messages, code -> {
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            messages.accept(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.accept(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.accept(-1);
    }
}
