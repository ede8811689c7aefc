package dev.switchboard.shared.flows;

/**
 * What {@link FlowValidator#prove} found about every call a flow can take.
 *
 * @param maxPrompts    the most prompts one call can hear before it ends, whatever the caller does
 * @param maxMenuVisits the most menu visits that play a prompt in one call: every menu's maxVisits
 */
public record Proof(int maxPrompts, int maxMenuVisits) {
}
