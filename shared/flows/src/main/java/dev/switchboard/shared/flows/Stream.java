package dev.switchboard.shared.flows;

import java.util.Objects;

/** Hands the call's audio to a WebSocket (a voice agent); the flow ends there. */
public record Stream(String id, String url) implements FlowNode {
    public Stream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
