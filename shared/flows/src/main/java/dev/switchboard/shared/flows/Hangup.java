package dev.switchboard.shared.flows;

import java.util.Objects;

/** Ends the call. */
public record Hangup(String id) implements FlowNode {
    public Hangup {
        Objects.requireNonNull(id, "id");
    }
}
