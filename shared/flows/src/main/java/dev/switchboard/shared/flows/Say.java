package dev.switchboard.shared.flows;

import java.util.Objects;

/**
 * Speaks a text, then goes on.
 *
 * @param next where the call goes after; null: it hangs up
 */
public record Say(String id, String text, String next) implements FlowNode {
    public Say {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
