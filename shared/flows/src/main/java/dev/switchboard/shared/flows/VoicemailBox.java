package dev.switchboard.shared.flows;

import java.util.Objects;

/**
 * Takes a message, and the call ends.
 *
 * @param prompt  what the caller hears before the beep; null: the default prompt
 * @param agentId whose inbox the message lands in; null: the account's shared inbox
 * @param box     the department the message is filed under (sales, support); null: none
 */
public record VoicemailBox(String id, String prompt, String agentId, String box) implements FlowNode {
    public VoicemailBox {
        Objects.requireNonNull(id, "id");
    }
}
